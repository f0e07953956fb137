import * as tf from '@tensorflow/tfjs';

export function buildSentimentModel(vocabSize: number, maxLen: number): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.embedding({ inputDim: vocabSize, outputDim: 64, inputLength: maxLen }));
  model.add(tf.layers.bidirectional({ layer: tf.layers.lstm({ units: 32 }) as tf.RNN, mergeMode: 'concat' }));
  model.add(tf.layers.dropout({ rate: 0.5 }));
  model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
  model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  return model;
}

export async function trainSentiment(model: tf.Sequential, sequences: number[][], sentiment: number[]) {
  const xs = tf.tensor2d(sequences, undefined, 'int32');
  const ys = tf.tensor1d(sentiment);
  await model.fit(xs, ys, { epochs: 6, batchSize: 64, validationSplit: 0.2 });
}
