import * as tf from '@tensorflow/tfjs';

const EPSILON = 1e-7;

export function standardize(data: tf.Tensor2D): { normalized: tf.Tensor2D; mean: tf.Tensor; std: tf.Tensor } {
  const { mean, variance } = tf.moments(data, 0);
  const std = variance.sqrt();
  const normalized = data.sub(mean).div(std.add(EPSILON)) as tf.Tensor2D;
  return { normalized, mean, std };
}

export async function trainCreditScoring(rows: number[][], defaults: number[]): Promise<tf.LayersModel> {
  tf.util.shuffleCombo(rows, defaults);
  const { normalized } = standardize(tf.tensor2d(rows));
  const labels = tf.tensor2d(defaults, [defaults.length, 1]);

  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [rows[0]!.length], units: 64, activation: 'relu' }),
      tf.layers.dropout({ rate: 0.2 }),
      tf.layers.dense({ units: 32, activation: 'relu' }),
      tf.layers.dense({ units: 1, activation: 'sigmoid' }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  await model.fit(normalized, labels, { epochs: 30, batchSize: 64, validationSplit: 0.15 });
  return model;
}
