import * as tf from '@tensorflow/tfjs';

const HIDDEN_LAYERS = [128, 64, 32];

export function stackedModel(inputSize: number, classes: number) {
  const model = tf.sequential();
  model.add(tf.layers.inputLayer({ inputShape: [inputSize] }));
  for (const units of HIDDEN_LAYERS) {
    model.add(tf.layers.dense({ units, activation: 'relu', useBias: false }));
//                                                         ^^^^^^^^^^^^^^ warning: missing-bias
  }
  model.add(tf.layers.dense({ units: classes, activation: 'softmax' }));
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
  return model;
}
