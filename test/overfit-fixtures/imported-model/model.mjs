// Makes and trains a model it keeps to itself; main.mjs, which imports it, only calls it.
import * as tf from '@tensorflow/tfjs';

let model;

export function create(units) {
  model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [4], units, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
}

export async function train(xs, ys) {
  await model.fit(xs, ys, { epochs: 5 });
}
