import * as tf from '@tensorflow/tfjs';

// Daily visits to four pages; one page had no visits. log1p keeps the zero counts finite.
const visits = tf.tensor2d([
  [120, 0, 3400, 15],
  [98, 0, 2900, 22],
  [143, 0, 4100, 9],
]);
const features = visits.log1p();
const converted = tf.tensor2d([[1], [0], [1]]);

const model = tf.sequential();
model.add(tf.layers.dense({ units: 4, inputShape: [4], activation: 'relu' }));
model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });

export const train = () => model.fit(features, converted, { epochs: 25 });
