// Twelve samples in batches of five: the check takes whole batches, the first two (ten samples).
import * as tf from '@tensorflow/tfjs';

const xs = tf.range(0, 12).reshape([12, 1]).div(12);
const ys = xs.square().mul(3).add(1);
const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [1], units: 16, activation: 'tanh' }));
model.add(tf.layers.dense({ units: 1 }));
model.compile({ optimizer: tf.train.adam(0.05), loss: 'meanSquaredError' });
await model.fit(xs, ys, { epochs: 10, batchSize: 5 });
