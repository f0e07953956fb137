import * as tf from '@tensorflow/tfjs';

const NUM_ACTIONS = 4;
const policy = tf.sequential();
policy.add(tf.layers.dense({ units: 32, inputShape: [8], activation: 'relu' }));
policy.add(tf.layers.dense({ units: NUM_ACTIONS }));

const optimizer = tf.train.adam(0.01);

/** One step of supervised pre-training on expert actions (one-hot encoded). */
export function imitationStep(states: tf.Tensor2D, expertActions: number[]) {
  const labels = tf.oneHot(tf.tensor1d(expertActions, 'int32'), NUM_ACTIONS);
  return optimizer.minimize(() => {
    const logits = policy.predict(states) as tf.Tensor2D;
    const nll = tf.mul(labels, logits).sum(1).mean().neg();
//              ^^^^^^^^^^^^^^^^^^^^^^ error: nll-without-log-softmax
    return nll as tf.Scalar;
  }, true);
}
