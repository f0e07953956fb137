// A factory named after what the model does, not "model": execute mode must still find it.
import * as tf from '@tensorflow/tfjs';

export function createSpamFilter() {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [12], units: 16, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'binaryCrossentropy' });
  return model;
}
