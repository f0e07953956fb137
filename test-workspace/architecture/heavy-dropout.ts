import * as tf from '@tensorflow/tfjs';

// Ported from code that used keep probabilities.
export function textModel(vocabulary: number): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.embedding({ inputDim: vocabulary, outputDim: 64, inputLength: 100 }));
  model.add(tf.layers.lstm({ units: 64, recurrentDropout: 0.8 }));
//                                                        ^^^ warning: dropout-rate-too-high
  model.add(tf.layers.dropout({ rate: 0.9 }));
//                                    ^^^ warning: dropout-rate-too-high
  model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
  model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
  return model;
}
