// Reads an optional argument (epochs, 2 by default), trains, then fails on its own bug.
import * as tf from '@tensorflow/tfjs';

const epochs = Number(process.argv[2] ?? 2);
const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [2], units: 1 }));
model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
const x = tf.randomUniform([16, 2], 0, 1, 'float32', 1);
await model.fit(x, x.sum(1, true), { epochs, batchSize: 8 });
const summary = null;
console.log(summary.loss);
