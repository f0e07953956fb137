import * as tf from '@tensorflow/tfjs';

/** Log-probabilities of each token, for sampling from a character model. */
export function tokenLogProbabilities(logits: tf.Tensor2D, temperature: number): tf.Tensor2D {
  return tf.tidy(() => {
    const scaled = logits.div(tf.scalar(temperature));
    return tf.log(tf.softmax(scaled)) as tf.Tensor2D;
//         ^^^^^^^^^^^^^^^^^^^^^^^^^^ error: nll-without-log-softmax
  });
}
