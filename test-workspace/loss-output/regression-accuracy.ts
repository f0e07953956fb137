import * as tf from '@tensorflow/tfjs';

export function mpgModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 16, inputShape: [9], activation: 'relu' }));
  model.add(tf.layers.dense({ units: 1 }));
  model.compile({ optimizer: tf.train.adam(0.005), loss: 'meanSquaredError', metrics: ['accuracy'] });
//                                                                                     ^^^^^^^^^^ info: accuracy-metric-on-regression
  return model;
}
