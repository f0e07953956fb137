import * as tf from '@tensorflow/tfjs';

const FEATURES = 4;
const SPECIES = 3;

export function irisModel(): tf.LayersModel {
  const input = tf.input({ shape: [FEATURES] });
  const first = tf.layers.dense({ units: 16, activation: 'relu' }).apply(input) as tf.SymbolicTensor;
  const second = tf.layers.dense({ units: 16, activation: 'relu' }).apply(first) as tf.SymbolicTensor;
  const species = tf.layers.dense({ units: SPECIES, activation: 'softmax' }).apply(second) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: species });
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

export async function trainIris(model: tf.LayersModel, features: number[][], speciesIds: number[]) {
  const xs = tf.tensor2d(features);
  const ys = tf.oneHot(tf.tensor1d(speciesIds, 'int32'), SPECIES);
  return model.fit(xs, ys, { epochs: 100, batchSize: 16, validationSplit: 0.15, shuffle: true });
}
