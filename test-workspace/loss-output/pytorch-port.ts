import * as tf from '@tensorflow/tfjs';

// Ported from PyTorch, where LogSoftmax pairs with NLLLoss.
export function digitClassifier(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 256, inputShape: [784], activation: 'relu' }));
  model.add(tf.layers.dense({ units: 10, activation: 'logSoftmax' }));
//                                                   ^^^^^^^^^^^^ error: log-softmax-with-crossentropy
  model.compile({ optimizer: tf.train.sgd(0.1), loss: 'categoricalCrossentropy' });
  return model;
}
