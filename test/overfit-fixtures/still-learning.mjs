// A sound classifier whose optimizer is slow: adam at 0.0001 still lowers the loss steadily when the
// largest default budget ends, without having learned the batch.
import * as tf from '@tensorflow/tfjs';

const model = tf.sequential();
model.add(tf.layers.dense({ units: 32, activation: 'relu', inputShape: [4] }));
model.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
model.compile({ optimizer: tf.train.adam(0.0001), loss: 'categoricalCrossentropy' });
const x = tf.randomNormal([32, 4], 0, 1, 'float32', 3);
const y = tf.oneHot(tf.tensor1d(Array.from({ length: 32 }, (_, i) => (i * 7) % 3), 'int32'), 3);
await model.fit(x, y, { batchSize: 32, epochs: 5 });
