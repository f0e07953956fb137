// A policy-gradient step with normalised advantages (some negative): on one fixed batch its loss has
// no lower bound by design, and the code has no bug.
import * as tf from '@tensorflow/tfjs';

const policy = tf.sequential();
policy.add(tf.layers.dense({ units: 16, inputShape: [4], activation: 'relu' }));
policy.add(tf.layers.dense({ units: 2 }));
const optimizer = tf.train.adam(0.01);

const states = tf.randomNormal([32, 4], 0, 1, 'float32', 7);
const actions = tf.tensor1d(Array.from({ length: 32 }, (_, index) => index % 2), 'int32');
const returns = tf.randomNormal([32], 0, 1, 'float32', 8);
const { mean, variance } = tf.moments(returns);
const advantages = returns.sub(mean).div(variance.sqrt().add(1e-8));

for (let update = 0; update < 50; update++) {
  optimizer.minimize(() => {
    const logProbabilities = tf.logSoftmax(policy.apply(states, { training: true }));
    const taken = tf.sum(tf.mul(tf.oneHot(actions, 2), logProbabilities), 1);
    return tf.neg(tf.mean(tf.mul(taken, advantages)));
  });
}
