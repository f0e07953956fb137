// One ReLU output unit with no bias to rescue it: whether it starts dead depends on the initial weight.
import * as tf from '@tensorflow/tfjs';

// Sixteen points of [0, 1], and twice their value as the target.
const xs = tf.linspace(0, 1, 16).reshape([16, 1]);
const ys = xs.mul(2);

const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [1], units: 1, activation: 'relu' }));
model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
await model.fit(xs, ys, { epochs: 100 });
