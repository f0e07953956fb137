const tf = require('@tensorflow/tfjs');

// The first linear regression: price from floor area, trained with plain gradient descent.
const area = tf.tensor2d([[850], [1200], [1600], [2100], [2600]]);
//           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning: unnormalized-input
const price = tf.tensor2d([[1.7], [2.3], [3.1], [4.0], [4.9]]);

const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [1] }));
model.compile({ optimizer: tf.train.sgd(0.0001), loss: 'meanSquaredError' });
//                                      ^^^^^^ error: learning-rate-diverges

module.exports = { train: () => model.fit(area, price, { epochs: 100 }) };
