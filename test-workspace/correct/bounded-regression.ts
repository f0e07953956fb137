import * as tf from '@tensorflow/tfjs';

/** Predicts a probability-like score in [0, 1], so a sigmoid output is the right range. */
export async function trainClickThroughRate(features: number[][], rates: number[]): Promise<tf.Sequential> {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [features[0]!.length], units: 32, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
  model.compile({ optimizer: tf.train.adam(0.001), loss: 'binaryCrossentropy' });
  const xs = tf.tensor2d(features);
  const ys = tf.tensor2d(rates, [rates.length, 1]);
  await model.fit(xs, ys, { epochs: 25, batchSize: 32 });
  return model;
}
