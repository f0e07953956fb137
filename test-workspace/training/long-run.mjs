import * as tf from '@tensorflow/tfjs';

// A regression with more epochs than anyone waits for: a run to watch and stop.
const xs = tf.randomNormal([256, 8], 0, 1, 'float32', 3);
const ys = xs.sum(1, true);

const model = tf.sequential();
model.add(tf.layers.dense({ units: 16, inputShape: [8], activation: 'relu' }));
model.add(tf.layers.dense({ units: 1 }));
model.compile({ optimizer: tf.train.adam(0.01), loss: 'meanSquaredError' });
await model.fit(xs, ys, { epochs: 100000, batchSize: 32, validationSplit: 0.2 });
