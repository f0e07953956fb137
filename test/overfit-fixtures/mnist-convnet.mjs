import * as tf from '@tensorflow/tfjs';

// MNIST-sized images through the convolutions and poolings the official examples train: each
// gradient runs on the wasm backend, none falls back to the slower cpu backend.
export function createModel() {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], kernelSize: 3, filters: 8, strides: 1, padding: 'same', activation: 'relu' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.conv2d({ kernelSize: 3, filters: 16, strides: 2, padding: 'same', activation: 'relu' }));
  model.add(tf.layers.separableConv2d({ kernelSize: 3, filters: 16, depthMultiplier: 2, padding: 'same', activation: 'relu' }));
  model.add(tf.layers.averagePooling2d({ poolSize: 2 }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy' });
  return model;
}
