// Meant as a small non-linear classifier; the hidden layers have no activation. Its data is not known.
import * as tf from '@tensorflow/tfjs';

export function spiralClassifier() {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 32, inputShape: [2] }));
  model.add(tf.layers.dense({ units: 32 }));
  model.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}
