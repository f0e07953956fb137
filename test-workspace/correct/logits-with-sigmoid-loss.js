const tf = require('@tensorflow/tfjs');

// A spam score trained with tfjs's sigmoid cross-entropy on a linear output; the sigmoid comes at prediction.
const model = tf.sequential();
model.add(tf.layers.dense({ units: 32, inputShape: [100], activation: 'relu' }));
model.add(tf.layers.dense({ units: 1 }));
model.compile({ optimizer: 'adam', loss: tf.losses.sigmoidCrossEntropy });

const spamProbability = (emails) => tf.sigmoid(model.predict(emails));

module.exports = { model, spamProbability };
