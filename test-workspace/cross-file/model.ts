import * as tf from '@tensorflow/tfjs';
import { HIDDEN_UNITS, INPUT_FEATURES } from './hyperparameters';

/** The model is defined here; it is compiled and trained in train.ts. */
export function createModel(outputs: number): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: HIDDEN_UNITS, inputShape: [INPUT_FEATURES], activation: 'relu' }));
  model.add(tf.layers.dense({ units: outputs, activation: 'softmax' }));
//                                                        ^^^^^^^^^ error: softmax-with-binary-crossentropy
  return model;
}
