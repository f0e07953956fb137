import * as tf from '@tensorflow/tfjs';

const model = tf.sequential({
  layers: [
    tf.layers.dense({ units: 64, inputShape: [784], activation: 'relu' }),
    tf.layers.dense({ units: 10 }),
  ],
});
const optimizer = tf.train.adam(0.001);

export function trainBatch(images: tf.Tensor2D, labels: tf.Tensor2D): number {
  const cost = optimizer.minimize(() => {
    const logits = model.apply(images, { training: true }) as tf.Tensor2D;
    const logProbabilities = tf.logSoftmax(logits);
    return tf.neg(tf.mean(tf.sum(tf.mul(labels, logProbabilities), 1))) as tf.Scalar;
  }, true);
  const value = cost!.dataSync()[0]!;
  cost!.dispose();
  return value;
}

export function evaluate(images: tf.Tensor2D, labels: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => tf.losses.softmaxCrossEntropy(labels, model.predict(images) as tf.Tensor2D) as tf.Scalar);
}
