import * as tf from '@tensorflow/tfjs';

export function tabularModel(features: number) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 64, inputShape: [features], activation: 'relu', useBias: false }));
//                                                                                   ^^^^^^^^^^^^^^ warning: missing-bias
  model.add(tf.layers.dense({ units: 32, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 1, useBias: false }));
//                                      ^^^^^^^^^^^^^^ info: missing-bias
  model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  return model;
}
