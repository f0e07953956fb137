const tf = require('@tensorflow/tfjs');

// Share of respondents (in percent) who would recommend a product, from three survey scores.
const scores = tf.tensor2d([
  [0.6, 0.2, 0.9],
  [0.1, 0.8, 0.3],
  [0.7, 0.7, 0.5],
  [0.3, 0.1, 0.2],
]);
const recommend = tf.tensor2d([[72], [35], [64], [12]]);
//                ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ error: labels-outside-loss-domain

const model = tf.sequential();
model.add(tf.layers.dense({ units: 8, inputShape: [3], activation: 'relu' }));
model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });

async function train() {
  await model.fit(scores, recommend, { epochs: 100 });
}

module.exports = { train };
