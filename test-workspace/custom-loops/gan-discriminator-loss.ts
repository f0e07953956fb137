import * as tf from '@tensorflow/tfjs';

const discriminator = tf.sequential();
discriminator.add(tf.layers.dense({ units: 64, inputShape: [784], activation: 'relu' }));
discriminator.add(tf.layers.dropout({ rate: 0.3 }));
discriminator.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));

const optimizer = tf.train.adam(0.0002, 0.5);

/** One discriminator step on a batch of real and fake images. */
export function discriminatorStep(images: tf.Tensor2D, realOrFake: tf.Tensor2D): tf.Scalar | null {
  return optimizer.minimize(() => {
    const scores = discriminator.predict(images) as tf.Tensor2D;
//                 ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning: training-flag-missing-in-custom-loop
    return tf.losses.sigmoidCrossEntropy(realOrFake, scores) as tf.Scalar;
//                                                   ^^^^^^ error: sigmoid-cross-entropy-on-probabilities
  }, true);
}
