// Defines the model only; train.mjs builds it with its data's sizes and trains it.
import * as tf from '@tensorflow/tfjs';

export function createModel(numFeatures, numClasses) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [numFeatures], units: 16, activation: 'relu' }));
  model.add(tf.layers.dense({ units: numClasses, activation: 'softmax' }));
  model.compile({ optimizer: tf.train.adam(0.02), loss: 'categoricalCrossentropy' });
  return model;
}
