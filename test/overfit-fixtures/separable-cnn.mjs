import * as tf from '@tensorflow/tfjs';

// Depthwise convolutions: the wasm backend lacks both their gradients; the check adds them.
export function createModel() {
  const model = tf.sequential();
  model.add(tf.layers.depthwiseConv2d({ inputShape: [8, 8, 2], kernelSize: 3, depthMultiplier: 2, activation: 'relu' }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
  model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy' });
  return model;
}
