// A training function nothing calls, which fits a classifier whose softmax output meets binaryCrossentropy.
import * as tf from '@tensorflow/tfjs';

const model = tf.sequential();
model.add(tf.layers.dense({ units: 16, inputShape: [5], activation: 'relu' }));
model.add(tf.layers.dense({ units: 1, activation: 'softmax' }));
model.compile({ optimizer: tf.train.adam(0.01), loss: 'binaryCrossentropy' });

export async function train(xs, ys) {
  await model.fit(xs, ys, { epochs: 10, batchSize: 16 });
}
