// A training script: the check takes its model and its real first batch.
import * as tf from '@tensorflow/tfjs';

const features = [];
const targets = [];
for (let i = 0; i < 50; i++) {
  const x = [Math.sin(i), Math.cos(i * 0.7), (i % 7) / 7];
  features.push(x);
  targets.push([0.5 * x[0] - 0.3 * x[1] + x[2]]);
}

const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [3], units: 16, activation: 'tanh' }));
model.add(tf.layers.dense({ units: 1 }));
model.compile({ optimizer: tf.train.adam(0.02), loss: 'meanSquaredError' });

await model.fit(tf.tensor2d(features), tf.tensor2d(targets), { epochs: 100, batchSize: 20 });
console.log('training finished');
