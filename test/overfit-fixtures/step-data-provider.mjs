// A custom loop over variables of its own that takes its batches from a data object the page gives
// it (`data.nextTrainBatch(size)` giving `{ xs, labels }`), and reports progress through a callback.
import * as tf from '@tensorflow/tfjs';

const optimizer = tf.train.adam(0.02);
const hiddenWeights = tf.variable(tf.randomNormal([64, 32], 0, 0.1));
const hiddenBias = tf.variable(tf.zeros([32]));
const outputWeights = tf.variable(tf.randomNormal([32, 4], 0, 0.1));
const outputBias = tf.variable(tf.zeros([4]));

function predict(images) {
  const rows = images.as2D(-1, 64);
  return rows.matMul(hiddenWeights).add(hiddenBias).relu().matMul(outputWeights).add(outputBias);
}

export async function train(data, log) {
  for (let step = 0; step < 100; step++) {
    const cost = optimizer.minimize(() => {
      const batch = data.nextTrainBatch(32);
      return tf.losses.softmaxCrossEntropy(batch.labels, predict(batch.xs.as4D(-1, 8, 8, 1))).mean();
    }, true);
    log(cost.dataSync()[0], step);
  }
}
