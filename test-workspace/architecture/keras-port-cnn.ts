import * as tf from '@tensorflow/tfjs';

/** A small image classifier, ported layer by layer from a Keras notebook. */
export function createClassifier(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [32, 32, 3], filters: 16, kernelSize: 3, activation: 'relu', kernelInitializer: 'leCunNormal' }));
//                                                                                                                         ^^^^^^^^^^^^^ info: init-activation-mismatch
  model.add(tf.layers.dropout({ rate: 0.25 }));
//          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ info: dropout-before-pooling
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 64, activation: 'selu' }));
//                                                   ^^^^^^ info: init-activation-mismatch
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}
