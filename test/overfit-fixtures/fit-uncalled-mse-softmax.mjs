import * as tf from '@tensorflow/tfjs';

// A classifier trained with mean squared error on its softmax, in a function nothing calls.
export async function trainFlowers(features, labelIds) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 16, inputShape: [4], activation: 'relu' }));
  model.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
  model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  const labels = tf.oneHot(tf.tensor1d(labelIds, 'int32'), 3);
  await model.fit(tf.tensor2d(features), labels, { epochs: 50 });
  return model;
}
