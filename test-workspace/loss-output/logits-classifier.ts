import * as tf from '@tensorflow/tfjs';

/** Ten-class image classifier whose last layer returns raw scores. */
export function createClassifier(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.flatten({ inputShape: [28, 28, 1] }));
  model.add(tf.layers.dense({ units: 128, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 10 }));
//          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ error: categorical-crossentropy-without-softmax
  model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}
