import * as tf from '@tensorflow/tfjs';

// The classic XOR demo: a sigmoid output trained with mean squared error on 0/1 targets.
const xs = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]);
const ys = tf.tensor2d([[0], [1], [1], [0]]);

const model = tf.sequential();
model.add(tf.layers.dense({ units: 8, inputShape: [2], activation: 'tanh' }));
model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
model.compile({ optimizer: tf.train.sgd(0.5), loss: 'meanSquaredError' });
//                                                  ^^^^^^^^^^^^^^^^^^ info: regression-loss-on-classifier

export async function trainXor() {
  await model.fit(xs, ys, { epochs: 500, verbose: 0 });
  return model.predict(xs);
}
