import * as tf from '@tensorflow/tfjs';

// Its guard lives in the tests' expectations only; the tests' sizes must not reach the findings here.
export function createQNetwork(height, width, numActions) {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [height, width, 2], filters: 32, kernelSize: 3, activation: 'relu' }));
  model.add(tf.layers.conv2d({ filters: 32, kernelSize: 3, activation: 'relu' }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: numActions }));
  return model;
}

export function makeOptimizer(learningRate) {
  return tf.train.adam(learningRate);
}
