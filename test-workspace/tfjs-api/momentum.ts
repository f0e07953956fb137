import * as tf from '@tensorflow/tfjs';

export function regressor(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 16, inputShape: [6], activation: 'relu' }));
  model.add(tf.layers.dense({ units: 1 }));
  model.compile({ optimizer: 'momentum', loss: 'mse' });
//                           ^^^^^^^^^^ error: unknown-optimizer
//                                             ^^^^^ error: unknown-loss
  return model;
}
