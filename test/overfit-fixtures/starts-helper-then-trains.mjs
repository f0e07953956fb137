// Starts a helper process it never stops, notes the process ids and where it runs from, then trains.
import * as tf from '@tensorflow/tfjs';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';

const helper = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
writeFileSync('processes.json', JSON.stringify({ worker: process.pid, helper: helper.pid, bundle: import.meta.url }));

const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [2], units: 1 }));
model.compile({ optimizer: tf.train.adam(0.1), loss: 'meanSquaredError' });
await model.fit(tf.tensor2d([[0, 1], [1, 0], [1, 1], [0, 0]]), tf.tensor2d([[1], [1], [2], [0]]));
