import * as tf from '@tensorflow/tfjs';

export async function learnXor(): Promise<number[]> {
  const xs = tf.tensor2d([
    [0, 0],
    [0, 1],
    [1, 0],
    [1, 1],
  ]);
  const ys = tf.tensor2d([[0], [1], [1], [0]]);

  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [2], units: 8, activation: 'tanh' }));
  model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
  model.compile({ optimizer: tf.train.sgd(0.5), loss: 'binaryCrossentropy' });
  await model.fit(xs, ys, { epochs: 500, batchSize: 4, verbose: 0 });

  const predictions = model.predict(xs) as tf.Tensor;
  return Array.from(await predictions.data());
}
