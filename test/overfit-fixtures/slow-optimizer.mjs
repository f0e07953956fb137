// A correct classifier with a slow optimizer: adam at 0.001 needs far more than 30 steps.
import * as tf from '@tensorflow/tfjs';

const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [8], units: 16, activation: 'relu' }));
model.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
model.compile({ optimizer: tf.train.adam(0.001), loss: 'categoricalCrossentropy' });
const x = tf.randomNormal([32, 8], 0, 1, 'float32', 7);
const y = tf.oneHot(tf.tensor1d(Array.from({ length: 32 }, (_, i) => i % 3), 'int32'), 3);
await model.fit(x, y, { batchSize: 32, epochs: 10 });
