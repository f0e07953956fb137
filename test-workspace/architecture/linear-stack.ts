import * as tf from '@tensorflow/tfjs';

/** Meant as a small non-linear classifier; the hidden layers have no activation. */
export function spiralClassifier(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 32, inputShape: [2] }));
//          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning: missing-hidden-nonlinearity
  model.add(tf.layers.dense({ units: 32 }));
//          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning: missing-hidden-nonlinearity
  model.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}
