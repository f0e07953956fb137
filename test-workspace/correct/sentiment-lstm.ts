import * as tf from '@tensorflow/tfjs';

export function sentimentModel(vocabularySize: number, maxLength: number) {
  const model = tf.sequential();
  model.add(tf.layers.embedding({ inputDim: vocabularySize, outputDim: 32, inputLength: maxLength }));
  model.add(tf.layers.lstm({ units: 32, returnSequences: false }));
  model.add(tf.layers.dropout({ rate: 0.25 }));
  model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
  model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  return model;
}
