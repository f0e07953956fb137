// A custom loop: a line fitted by optimizer.minimize, 40 steps.
import * as tf from '@tensorflow/tfjs';

const w = tf.variable(tf.scalar(0), true, 'slope');
const b = tf.variable(tf.scalar(0), true, 'intercept');
const xs = tf.tensor1d([0, 1, 2, 3, 4, 5]);
const ys = tf.tensor1d([1, 3, 5, 7, 9, 11]);
const optimizer = tf.train.sgd(0.02);
for (let step = 0; step < 40; step++) {
  optimizer.minimize(() => xs.mul(w).add(b).sub(ys).square().mean());
}
console.log(`slope ${w.dataSync()[0].toFixed(2)}`);
