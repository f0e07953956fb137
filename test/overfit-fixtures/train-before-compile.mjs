// Two training functions nothing calls: one fits a compiled model, the other a model it never compiles.
import * as tf from '@tensorflow/tfjs';

const head = tf.sequential({ layers: [tf.layers.dense({ units: 8, inputShape: [4], activation: 'relu' }), tf.layers.dense({ units: 1 })] });
head.compile({ optimizer: tf.train.adam(0.01), loss: 'meanSquaredError' });

export async function trainHead(xs, ys) {
  await head.fit(xs, ys, { epochs: 5 });
}

export async function trainFresh(xs, ys) {
  const input = tf.input({ shape: [16] });
  const model = tf.model({ inputs: input, outputs: tf.layers.dense({ units: 1 }).apply(input) });
  await model.fit(xs, ys, { epochs: 3 });
}
