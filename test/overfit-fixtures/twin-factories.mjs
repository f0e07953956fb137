import * as tf from '@tensorflow/tfjs';

// Two factories whose models have the same name: a check asked for either must train that one.
function buildSmall() {
  const cnn = tf.sequential();
  cnn.add(tf.layers.dense({ inputShape: [4], units: 2, activation: 'softmax' }));
  cnn.compile({ optimizer: tf.train.adam(0.05), loss: 'categoricalCrossentropy' });
  return cnn;
}

function buildDeep() {
  const cnn = tf.sequential();
  cnn.add(tf.layers.dense({ inputShape: [4], units: 8, activation: 'relu' }));
  cnn.add(tf.layers.dense({ units: 2, activation: 'softmax' }));
  cnn.compile({ optimizer: tf.train.adam(0.05), loss: 'categoricalCrossentropy' });
  return cnn;
}

// Linearly separable: the class is the sign of the first feature.
const rows = Array.from({ length: 16 }, (_, i) => [Math.sin(i + 0.5), Math.cos(1.3 * i), Math.sin(0.7 * i), Math.cos(2.1 * i)]);
const xs = tf.tensor2d(rows);
const ys = tf.oneHot(tf.tensor1d(rows.map((row) => (row[0] > 0 ? 1 : 0)), 'int32'), 2);
await buildSmall().fit(xs, ys, { epochs: 1, batchSize: 16 });
await buildDeep().fit(xs, ys, { epochs: 1, batchSize: 16 });
