// A custom loop whose loss function throws at its sixth step: the loop ends there, and the script with it.
import * as tf from '@tensorflow/tfjs';

const w = tf.variable(tf.scalar(0.5), true, 'w');
const optimizer = tf.train.sgd(0.1);
for (let step = 0; step < 20; step++) {
  optimizer.minimize(() => {
    if (step === 5) throw new Error('the batch has no labels');
    return w.sub(2).square();
  });
}
