import * as tf from '@tensorflow/tfjs';

// A siamese network for signature matching: both signatures go through the same encoder, and a
// contrastive loss pulls matching pairs together and pushes other pairs at least a margin apart.
const encoder = tf.sequential();
encoder.add(tf.layers.dense({ units: 32, inputShape: [64], activation: 'relu' }));
encoder.add(tf.layers.dense({ units: 16, activation: 'relu' }));

const optimizer = tf.train.adam(0.001);
const margin = 1;

export function trainStep(left: tf.Tensor2D, right: tf.Tensor2D, same: tf.Tensor1D): number {
  const cost = optimizer.minimize(() => {
    const a = encoder.apply(left) as tf.Tensor2D;
    const b = encoder.apply(right) as tf.Tensor2D;
    const distance = tf.sqrt(tf.sum(tf.square(a.sub(b)), 1));
//                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning: sqrt-without-epsilon
    const apart = tf.relu(tf.scalar(margin).sub(distance));
    return tf.mean(same.mul(distance.square()).add(tf.scalar(1).sub(same).mul(apart.square()))) as tf.Scalar;
  }, true);
  const value = cost!.dataSync()[0];
  cost!.dispose();
  return value;
}
