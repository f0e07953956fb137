import * as tf from '@tensorflow/tfjs';

// The first layer is frozen at zero, so nothing of the input reaches the head.
export function createModel() {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [8], units: 16, activation: 'relu', kernelInitializer: 'zeros', trainable: false }));
  model.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
  return model;
}
