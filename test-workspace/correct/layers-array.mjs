import * as tf from '@tensorflow/tfjs';

const layers = [
  tf.layers.dense({ inputShape: [20], units: 128, activation: 'relu' }),
  tf.layers.batchNormalization(),
  tf.layers.dropout({ rate: 0.25 }),
  tf.layers.dense({ units: 64, activation: 'relu' }),
  tf.layers.dense({ units: 5, activation: 'softmax' }),
];

export const model = tf.sequential({ layers });
model.compile({ optimizer: tf.train.adam(0.002), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });

export async function train(features, classIds) {
  const xs = tf.tensor2d(features).sub(0.5).mul(2);
  const ys = tf.tensor1d(classIds, 'float32');
  return model.fit(xs, ys, { epochs: 40, batchSize: 64, validationSplit: 0.1 });
}
