import * as tf from '@tensorflow/tfjs';

const LOOKBACK = 24;

/** Predicts the next hour's (standardised) temperature from the last 24 hours. */
export function forecaster(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.lstm({ units: 32, inputShape: [LOOKBACK, 1] }));
  model.add(tf.layers.dense({ units: 1 }));
  model.compile({ optimizer: tf.train.rmsprop(0.001), loss: 'meanSquaredError', metrics: ['mae'] });
  return model;
}

export async function train(model: tf.Sequential, windows: tf.Tensor3D, targets: tf.Tensor2D) {
  await model.fit(windows, targets, {
    epochs: 30,
    batchSize: 128,
    validationSplit: 0.1,
    callbacks: tf.callbacks.earlyStopping({ monitor: 'val_loss', patience: 3 }),
  });
}
