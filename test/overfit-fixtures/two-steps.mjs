// Two training functions nothing calls: a sound imitation step, and a step whose loss is read back
// out of the graph, so no gradient reaches the weights.
import * as tf from '@tensorflow/tfjs';

const policy = tf.sequential({ layers: [tf.layers.dense({ units: 8, inputShape: [4], activation: 'relu' }), tf.layers.dense({ units: 2 })] });
const optimizer = tf.train.adam(0.01);

export function imitate(states, labels) {
  return optimizer.minimize(() => tf.losses.softmaxCrossEntropy(labels, policy.apply(states, { training: true })), true);
}

export function reward(states) {
  return optimizer.minimize(() => tf.scalar(-policy.predict(states).mean().dataSync()[0]), true);
}
