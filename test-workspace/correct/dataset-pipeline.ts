import * as tf from '@tensorflow/tfjs';

function* samples(features: number[][], labels: number[]) {
  for (let i = 0; i < features.length; i++) yield { xs: features[i], ys: [labels[i]] };
}

export async function trainFromGenerator(features: number[][], labels: number[]): Promise<tf.Sequential> {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 32, inputShape: [features[0]!.length], activation: 'relu' }));
  model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
  model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  const dataset = tf.data.generator(() => samples(features, labels)).shuffle(1000).batch(32);
  await model.fitDataset(dataset, { epochs: 15 });
  return model;
}
