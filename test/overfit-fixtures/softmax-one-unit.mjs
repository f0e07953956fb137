import * as tf from '@tensorflow/tfjs';

export function createModel() {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [8], units: 16, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 1, activation: 'softmax' }));
  model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
  return model;
}
