// A model factory with parameters, its input size known only once the data is read.
import * as tf from '@tensorflow/tfjs';

function createModel(numFeatures, hiddenUnits, numClasses) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [numFeatures], units: hiddenUnits, activation: 'relu' }));
  model.add(tf.layers.dense({ units: numClasses, activation: 'softmax' }));
  model.compile({ optimizer: tf.train.adam(0.02), loss: 'categoricalCrossentropy' });
  return model;
}

const records = JSON.parse(process.env.RECORDS ?? '[]');
for (let i = records.length; i < 60; i++) records.push({ a: Math.sin(i), b: Math.cos(i * 1.3), c: (i % 5) / 5, label: i % 3 });
const numFeatures = Object.keys(records[0]).length - 1;

const xs = tf.tensor2d(records.map((record) => [record.a, record.b, record.c]));
const ys = tf.oneHot(tf.tensor1d(records.map((record) => record.label), 'int32'), 3);
const model = createModel(numFeatures, 24, 3);
await model.fit(xs, ys, { epochs: 10, batchSize: 30 });
