// A regression whose number of epochs is its command-line argument: `node epochs-argument.mjs 3`.
import * as tf from '@tensorflow/tfjs';

const epochs = Number.parseInt(process.argv[2].trim(), 10);
const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [2], units: 1 }));
model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });

const x = tf.randomUniform([16, 2], 0, 1, 'float32', 1);
await model.fit(x, x.sum(1, true), { epochs, batchSize: 8 });
