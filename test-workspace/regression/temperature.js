const tf = require('@tensorflow/tfjs-node');

// Forecasts tomorrow's temperature (in °C, often below zero) from the last 24 hours.
const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [24], units: 16, activation: 'relu' }));
model.add(tf.layers.dense({ units: 1, activation: 'relu' }));
//                                                ^^^^^^ warning: activation-on-regression-output
model.compile({ optimizer: 'adam', loss: 'meanAbsoluteError' });

async function fitTemperatures(hours, temperatures) {
  await model.fit(tf.tensor2d(hours), tf.tensor2d(temperatures), { epochs: 30, shuffle: true });
}

module.exports = { model, fitTemperatures };
