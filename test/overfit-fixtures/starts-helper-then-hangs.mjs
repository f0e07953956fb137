// Starts a helper process it never stops, notes the process ids and where it runs from, then never
// yields again.
import * as tf from '@tensorflow/tfjs';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';

const helper = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
writeFileSync('processes.json', JSON.stringify({ worker: process.pid, helper: helper.pid, bundle: import.meta.url }));

const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [2], units: 1 }));
for (;;) {
  // Waits for data that never comes.
}
