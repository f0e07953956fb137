// A step over the code's own variables whose loss is a vector: tfjs refuses it at the first step.
import * as tf from '@tensorflow/tfjs';

const slope = tf.variable(tf.scalar(0.5));
const offset = tf.variable(tf.scalar(0));
const optimizer = tf.train.sgd(0.05);

export function fitLine(xValues, yValues, steps) {
  const xs = tf.tensor1d(xValues);
  const ys = tf.tensor1d(yValues);
  for (let step = 0; step < steps; step++) {
    optimizer.minimize(() => slope.mul(xs).add(offset).sub(ys).square());
  }
}
