// A training step nothing calls, whose negative log-likelihood reads raw logits: the loss has no minimum.
import * as tf from '@tensorflow/tfjs';

const policy = tf.sequential();
policy.add(tf.layers.dense({ units: 16, inputShape: [6], activation: 'relu' }));
policy.add(tf.layers.dense({ units: 3 }));
const optimizer = tf.train.adam(0.01);

export function imitate(states, actions) {
  const labels = tf.oneHot(tf.tensor1d(actions, 'int32'), 3);
  return optimizer.minimize(() => tf.mul(labels, policy.apply(states)).sum(1).mean().neg(), true);
}
