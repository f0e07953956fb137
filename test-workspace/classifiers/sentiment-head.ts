import { layers, sequential, train } from '@tensorflow/tfjs';

const EMBEDDING_SIZE = 512;

export function sentimentHead() {
  const model = sequential({
    layers: [
      layers.dense({ inputShape: [EMBEDDING_SIZE], units: 32, activation: 'relu' }),
      layers.dense({ units: 1 }),
      layers.softmax(),
//    ^^^^^^^^^^^^^^^^ error: softmax-with-binary-crossentropy
    ],
  });
  model.compile({ optimizer: train.rmsprop(0.001), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  return model;
}
