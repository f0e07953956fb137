// A factory whose hidden layers come one per entry of a list nothing in the project gives.
import * as tf from '@tensorflow/tfjs';

export function createClassifier(inputSize, hiddenSizes, classes) {
  const model = tf.sequential();
  hiddenSizes.forEach((units, i) => {
    model.add(tf.layers.dense(i === 0 ? { units, inputShape: [inputSize], activation: 'relu' } : { units, activation: 'relu' }));
  });
  model.add(tf.layers.dense({ units: classes, activation: 'softmax' }));
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy' });
  return model;
}
