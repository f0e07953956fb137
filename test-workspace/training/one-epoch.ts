import * as tf from '@tensorflow/tfjs';

const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [1] }));
model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });

export async function learnLine(xs: tf.Tensor2D, ys: tf.Tensor2D): Promise<tf.Sequential> {
  await model.fit(xs, ys);
//      ^^^^^^^^^^^^^^^^^ warning: too-few-epochs
  return model;
}
