import * as tf from '@tensorflow/tfjs';

export function classifier(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 64, inputShape: [32], activation: 'relu' }));
  model.add(tf.layers.dense({ units: 5, activation: 'softmax' }));
  model.compile({ optimizer: tf.train.adam(0.1), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
//                                         ^^^ error: learning-rate-out-of-range
  return model;
}

export function regressor(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 32, inputShape: [8], activation: 'relu' }));
  model.add(tf.layers.dense({ units: 1 }));
  model.compile({ optimizer: tf.train.adadelta(), loss: 'meanSquaredError' });
//                           ^^^^^^^^^^^^^^^^^^^ warning: adadelta-default-learning-rate
  return model;
}
