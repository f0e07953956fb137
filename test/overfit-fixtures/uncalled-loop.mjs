// A training loop over variables of its own, in a function nothing in the file calls.
import * as tf from '@tensorflow/tfjs';

const slope = tf.variable(tf.scalar(0.5));
const optimizer = tf.train.sgd(0.1);

export function fitLine(xs, ys, steps) {
  for (let step = 0; step < steps; step++) {
    optimizer.minimize(() => xs.mul(slope).sub(ys).square().mean());
  }
}
