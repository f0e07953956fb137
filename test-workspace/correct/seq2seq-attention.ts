import * as tf from '@tensorflow/tfjs';

/** A small encoder-decoder with dot-product attention, in the style of the date-conversion example. */
export function seq2seq(inputVocabulary: number, outputVocabulary: number, inputLength: number, outputLength: number): tf.LayersModel {
  const embeddingDims = 64;
  const lstmUnits = 64;
  const encoderInput = tf.input({ shape: [inputLength] });
  const decoderInput = tf.input({ shape: [outputLength] });
  let encoder = tf.layers.embedding({ inputDim: inputVocabulary, outputDim: embeddingDims, inputLength, maskZero: true }).apply(encoderInput);
  encoder = tf.layers.lstm({ units: lstmUnits, returnSequences: true }).apply(encoder);
  const encoderLast = tf.layers.activation({ activation: 'linear' }).apply(encoder);
  let decoder = tf.layers.embedding({ inputDim: outputVocabulary, outputDim: embeddingDims, inputLength: outputLength, maskZero: true }).apply(decoderInput);
  decoder = tf.layers.lstm({ units: lstmUnits, returnSequences: true }).apply(decoder);
  let attention = tf.layers.dot({ axes: [2, 2] }).apply([decoder, encoderLast]) as tf.SymbolicTensor;
  attention = tf.layers.activation({ activation: 'softmax', name: 'attention' }).apply(attention) as tf.SymbolicTensor;
  const context = tf.layers.dot({ axes: [2, 1] }).apply([attention, encoderLast]);
  const combined = tf.layers.concatenate().apply([context, decoder]);
  let output = tf.layers.timeDistributed({ layer: tf.layers.dense({ units: lstmUnits, activation: 'tanh' }) }).apply(combined);
  output = tf.layers.timeDistributed({ layer: tf.layers.dense({ units: outputVocabulary, activation: 'softmax' }) }).apply(output);
  const model = tf.model({ inputs: [encoderInput, decoderInput], outputs: output as tf.SymbolicTensor });
  model.compile({ loss: 'categoricalCrossentropy', optimizer: 'adam' });
  return model;
}
