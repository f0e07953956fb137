// Six class ids given to a sigmoid output under binary cross-entropy, whose loss then falls below zero.
import * as tf from '@tensorflow/tfjs';

const xs = tf.tensor2d([[0.2, 0.7, 0.1, 0.5], [0.9, 0.1, 0.4, 0.3], [0.4, 0.4, 0.8, 0.9], [0.1, 0.6, 0.3, 0.2], [0.7, 0.2, 0.9, 0.6], [0.5, 0.9, 0.6, 0.1]]);
const ys = tf.tensor2d([[0], [1], [2], [3], [4], [5]]);

const model = tf.sequential();
model.add(tf.layers.dense({ units: 16, inputShape: [4], activation: 'relu' }));
model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
await model.fit(xs, ys, { epochs: 50 });
