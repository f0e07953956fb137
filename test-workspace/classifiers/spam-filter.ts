import * as tf from '@tensorflow/tfjs';

const VOCABULARY_SIZE = 5000;

/** Bag-of-words spam classifier: one output, "is this message spam?". */
export function createSpamFilter(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 64, inputShape: [VOCABULARY_SIZE], activation: 'relu' }));
  model.add(tf.layers.dropout({ rate: 0.3 }));
  model.add(tf.layers.dense({ units: 1, activation: 'softmax' }));
//                                                  ^^^^^^^^^ error: softmax-with-binary-crossentropy
  model.compile({ optimizer: tf.train.adam(0.001), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  return model;
}
