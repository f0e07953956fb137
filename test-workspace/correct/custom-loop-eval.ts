import * as tf from '@tensorflow/tfjs';

export async function trainAndEvaluate(
  model: tf.LayersModel,
  batches: Array<{ xs: tf.Tensor; ys: tf.Tensor }>,
  validation: { xs: tf.Tensor; ys: tf.Tensor },
  epochs: number,
): Promise<number[]> {
  const optimizer = tf.train.adam(0.001);
  const validationLosses: number[] = [];
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (const { xs, ys } of batches) {
      tf.tidy(() => {
        optimizer.minimize(() => {
          const predictions = model.apply(xs, { training: true }) as tf.Tensor;
          return tf.losses.softmaxCrossEntropy(ys, predictions);
        });
      });
      await tf.nextFrame();
    }
    const validationLoss = tf.tidy(() => {
      const logits = model.apply(validation.xs, { training: false }) as tf.Tensor;
      return tf.losses.softmaxCrossEntropy(validation.ys, logits);
    });
    validationLosses.push((await validationLoss.data())[0]!);
    validationLoss.dispose();
  }
  return validationLosses;
}
