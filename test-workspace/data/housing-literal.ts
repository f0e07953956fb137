import * as tf from '@tensorflow/tfjs';

// Size in square feet, number of rooms -> price in dollars.
const features = tf.tensor2d([[2104, 3], [1600, 3], [2400, 3], [1416, 2], [3000, 4]]);
//               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning: unnormalized-input
const prices = tf.tensor2d([[399900], [329900], [369000], [232000], [539900]]);
//             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning: unnormalized-regression-target

const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [2] }));
model.compile({ optimizer: tf.train.sgd(1e-9), loss: 'meanSquaredError' });
//                                      ^^^^ warning: learning-rate-out-of-range

export async function fitPrices(): Promise<void> {
  await model.fit(features, prices, { epochs: 100 });
}
