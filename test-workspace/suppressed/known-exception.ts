import * as tf from '@tensorflow/tfjs';

// Fitting a proportional law y = k·x: the line must pass through the origin.
export function proportionalModel() {
  const model = tf.sequential();
  // tfjs-doctor-disable-next-line missing-bias -- y is proportional to x by construction
  model.add(tf.layers.dense({ units: 1, inputShape: [1], useBias: false }));
  model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
  return model;
}
