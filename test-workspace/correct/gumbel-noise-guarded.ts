import * as tf from '@tensorflow/tfjs';

// A policy trained with Gumbel noise added to its scores; the epsilons keep both logarithms finite.
const policy = tf.sequential();
policy.add(tf.layers.dense({ units: 4, inputShape: [8] }));
const optimizer = tf.train.adam(0.01);

export function step(states: tf.Tensor, rewards: tf.Tensor): void {
  optimizer.minimize(() => {
    const scores = policy.apply(states) as tf.Tensor;
    const gumbel = tf.log(tf.log(tf.randomUniform([16, 4]).add(1e-9)).neg().add(1e-9)).neg();
    return tf.softmax(scores.add(gumbel)).mul(rewards).sum().neg() as tf.Scalar;
  });
}
