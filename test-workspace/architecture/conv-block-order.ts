import * as tf from '@tensorflow/tfjs';

export function cifarModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [32, 32, 3], filters: 32, kernelSize: 3, padding: 'same' }));
//          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ info: bias-before-batchnorm
  model.add(tf.layers.batchNormalization());
  model.add(tf.layers.reLU());
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.dropout({ rate: 0.25 }));
//          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ info: dropout-before-batchnorm
  model.add(tf.layers.batchNormalization());
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}
