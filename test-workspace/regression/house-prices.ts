import * as tf from '@tensorflow/tfjs';

/** Predicts a sale price in thousands of dollars from 13 features. */
export function housePriceModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 50, inputShape: [13], activation: 'relu' }));
  model.add(tf.layers.dense({ units: 50, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
//                                                  ^^^^^^^^^ warning: activation-on-regression-output
  model.compile({ optimizer: tf.train.sgd(0.01), loss: 'meanSquaredError' });
  return model;
}
