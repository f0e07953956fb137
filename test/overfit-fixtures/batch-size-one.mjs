// Forty samples trained one at a time: the check takes more than the first batch of one.
import * as tf from '@tensorflow/tfjs';

const features = [];
const labels = [];
for (let i = 0; i < 40; i++) {
  const x = [Math.sin(i), Math.cos(i * 1.3), ((i * 7) % 11) / 11];
  features.push(x);
  labels.push([x[0] * x[1] > 0 ? 1 : 0]);
}

const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [3], units: 16, activation: 'relu' }));
model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
model.compile({ optimizer: tf.train.adam(0.01), loss: 'binaryCrossentropy' });
await model.fit(tf.tensor2d(features), tf.tensor2d(labels), { epochs: 10, batchSize: 1 });
