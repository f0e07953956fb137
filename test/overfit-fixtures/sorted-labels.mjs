// The samples are stored class by class, so the first batch holds a single class.
import * as tf from '@tensorflow/tfjs';

const xs = [];
const ys = [];
for (let label = 0; label < 3; label++) {
  for (let i = 0; i < 40; i++) {
    xs.push([label + Math.sin(i), label - Math.cos(i)]);
    ys.push(label);
  }
}
const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [2], units: 8, activation: 'relu' }));
model.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
await model.fit(tf.tensor2d(xs), tf.oneHot(tf.tensor1d(ys, 'int32'), 3), { epochs: 10, batchSize: 32, validationSplit: 0.2 });
