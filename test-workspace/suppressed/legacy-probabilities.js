/* tfjs-doctor-disable activation-on-regression-output */
const tf = require('@tensorflow/tfjs');

// Predicts a click-through rate, always between 0 and 1, so the sigmoid is deliberate.
const model = tf.sequential();
model.add(tf.layers.dense({ units: 16, inputShape: [6], activation: 'relu' }));
model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });

module.exports = model;
