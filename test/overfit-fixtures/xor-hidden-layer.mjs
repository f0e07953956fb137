// XOR with a hidden tanh layer: enough capacity for the four points.
import * as tf from '@tensorflow/tfjs';

const xs = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]);
const ys = tf.tensor2d([[0], [1], [1], [0]]);

const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [2], units: 8, activation: 'tanh' }));
model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
model.compile({ optimizer: tf.train.adam(0.01), loss: 'binaryCrossentropy' });
await model.fit(xs, ys, { epochs: 500 });
