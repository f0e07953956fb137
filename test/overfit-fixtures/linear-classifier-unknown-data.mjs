// Logistic regression on data read at run time: the static build knows the model, not the data.
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';

const rows = JSON.parse(readFileSync(new URL('./iris.json', import.meta.url), 'utf8'));
const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [4], units: 3, activation: 'softmax' }));
model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy' });
await model.fit(tf.tensor2d(rows.map((row) => row.features)), tf.oneHot(rows.map((row) => row.label), 3), { epochs: 50 });
