// House sizes in square feet and rooms, written out, fed to the network unscaled.
import * as tf from '@tensorflow/tfjs';

const xs = tf.tensor2d([
  [2104, 3], [1600, 3], [2400, 3], [1416, 2], [3000, 4], [1985, 4], [1534, 3], [1427, 3],
  [1380, 3], [1494, 3], [1940, 4], [2000, 3], [1890, 3], [4478, 5], [1268, 3], [2300, 4],
]);
const ys = tf.tensor2d([[1], [0], [1], [0], [1], [1], [0], [0], [0], [0], [1], [1], [0], [1], [0], [1]]);

const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [2], units: 16, activation: 'relu' }));
model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
model.compile({ optimizer: tf.train.adam(0.001), loss: 'binaryCrossentropy' });
await model.fit(xs, ys, { epochs: 50 });
