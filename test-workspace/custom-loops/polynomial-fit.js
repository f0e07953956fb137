// Fits y = a·x² + b·x + c with a hand-written training loop.
import * as tf from '@tensorflow/tfjs';

const a = tf.variable(tf.scalar(Math.random()));
const b = tf.variable(tf.scalar(Math.random()));
const c = tf.variable(tf.scalar(Math.random()));
const optimizer = tf.train.sgd(0.1);

const predict = (x) => tf.tidy(() => a.mul(x.square()).add(b.mul(x)).add(c));

export async function fitPolynomial(xValues, yValues, steps) {
  const xs = tf.tensor1d(xValues);
  const ys = tf.tensor1d(yValues);
  for (let step = 0; step < steps; step++) {
    optimizer.minimize(() => {
      const error = predict(xs).sub(ys).square();
//                  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ error: minimize-non-scalar
      // Logging reads the loss back; the gradient still flows through `error`.
      console.log(`step ${step}: loss ${error.mean().dataSync()[0]}`);
      return error;
    });
    await tf.nextFrame();
  }
  return [a, b, c].map((v) => v.dataSync()[0]);
}
