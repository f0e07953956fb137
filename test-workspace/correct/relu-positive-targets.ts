import * as tf from '@tensorflow/tfjs';

// Rainfall over the next hour (in millimetres, never negative) from three readings: a ReLU output fits.
const readings = tf.tensor2d([
  [0.1, 0.5, 0.3],
  [0.7, 0.2, 0.9],
  [0.4, 0.8, 0.6],
  [0.9, 0.1, 0.2],
]);
const rain = tf.tensor2d([[0], [1.5], [4.0], [0.5]]);

const model = tf.sequential();
model.add(tf.layers.dense({ units: 8, inputShape: [3], activation: 'relu' }));
model.add(tf.layers.dense({ units: 1, activation: 'relu' }));
model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });

export const train = () => model.fit(readings, rain, { epochs: 60 });
