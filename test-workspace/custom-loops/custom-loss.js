import * as tf from '@tensorflow/tfjs';

// Cross-entropy written by hand for a three-class model.
function crossEntropy(yTrue, yPred) {
  return tf.tidy(() => tf.neg(tf.mean(tf.sum(tf.mul(yTrue, yPred), -1))));
//                                           ^^^^^^^^^^^^^^^^^^^^ error: nll-without-log-softmax
}

export const irisModel = tf.sequential();
irisModel.add(tf.layers.dense({ units: 10, inputShape: [4], activation: 'sigmoid' }));
irisModel.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
irisModel.compile({ optimizer: tf.train.adam(0.01), loss: crossEntropy, metrics: ['accuracy'] });
