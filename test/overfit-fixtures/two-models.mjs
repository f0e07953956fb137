// Two models; the second one is the one picked by `--model 2` or `--model createRegressor`.
import * as tf from '@tensorflow/tfjs';

export function createClassifier() {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [6], units: 8, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy' });
  return model;
}

export function createRegressor() {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [4], units: 1 }));
  model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
  return model;
}
