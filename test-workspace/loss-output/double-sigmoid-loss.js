const tf = require('@tensorflow/tfjs');

// A spam score trained with tfjs's sigmoid cross-entropy passed straight to compile.
const model = tf.sequential();
model.add(tf.layers.dense({ units: 32, inputShape: [100], activation: 'relu' }));
model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
model.compile({ optimizer: 'adam', loss: tf.losses.sigmoidCrossEntropy });
//                                       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ error: sigmoid-cross-entropy-on-probabilities

module.exports = { model };
