import * as tf from '@tensorflow/tfjs';

// Being edited: the code does not parse yet, so nothing in this file is reported.
export function unfinished() {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 1, inputShape: [4], activation: 'softmax' }));
  model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy'
  model.add(tf.layers.dense({ units:
}
