import * as tf from '@tensorflow/tfjs';

// A policy trained with Gumbel noise added to its scores, in a hand-written training step.
const policy = tf.sequential();
policy.add(tf.layers.dense({ units: 4, inputShape: [8] }));
const optimizer = tf.train.adam(0.01);

export function step(states: tf.Tensor, rewards: tf.Tensor): void {
  optimizer.minimize(() => {
    const scores = policy.apply(states) as tf.Tensor;
    const gumbel = tf.log(tf.randomUniform([16, 4])).neg().log().neg();
//                 ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning: log-without-epsilon
    return tf.softmax(scores.add(gumbel)).mul(rewards).sum().neg() as tf.Scalar;
  });
}
