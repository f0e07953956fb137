import * as tf from '@tensorflow/tfjs';

export function sensorModel() {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 32, activation: 'relu' }));
//          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ error: missing-input-shape
  model.add(tf.layers.dense({ units: 1 }));
  model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  return model;
}
