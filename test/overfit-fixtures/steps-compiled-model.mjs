// A compiled model, and two training functions nothing calls with custom losses; the second minimises the negated loss.
import * as tf from '@tensorflow/tfjs';

const policy = tf.sequential({ layers: [tf.layers.dense({ units: 8, inputShape: [4], activation: 'relu' }), tf.layers.dense({ units: 2 })] });
policy.compile({ optimizer: tf.train.adam(0.01), loss: 'meanSquaredError' });
const optimizer = tf.train.adam(0.01);

export function imitate(states, labels) {
  return optimizer.minimize(() => tf.losses.softmaxCrossEntropy(labels, policy.apply(states, { training: true })), true);
}

export function broken(states, labels) {
  return optimizer.minimize(() => tf.losses.softmaxCrossEntropy(labels, policy.apply(states, { training: true })).neg(), true);
}
