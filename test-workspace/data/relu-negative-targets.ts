import * as tf from '@tensorflow/tfjs';

// Temperature change over the next hour (in degrees, can be negative) from three readings.
const readings = tf.tensor2d([
  [0.1, 0.5, 0.3],
  [0.7, 0.2, 0.9],
  [0.4, 0.8, 0.6],
  [0.9, 0.1, 0.2],
]);
const change = tf.tensor2d([[-1.5], [0.5], [2.0], [-0.5]]);

const model = tf.sequential();
model.add(tf.layers.dense({ units: 8, inputShape: [3], activation: 'relu' }));
model.add(tf.layers.dense({ units: 1, activation: 'relu' }));
//                                                ^^^^^^ error: activation-on-regression-output
model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });

export const train = () => model.fit(readings, change, { epochs: 60 });
