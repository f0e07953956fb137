// The same step with log-probabilities: a sound step nothing calls.
import * as tf from '@tensorflow/tfjs';

const policy = tf.sequential();
policy.add(tf.layers.dense({ units: 16, inputShape: [6], activation: 'relu' }));
policy.add(tf.layers.dense({ units: 3 }));
const optimizer = tf.train.adam(0.01);

export function imitate(states, labels) {
  return optimizer.minimize(() => tf.mul(labels, tf.logSoftmax(policy.apply(states, { training: true }))).sum(1).mean().neg(), true);
}
