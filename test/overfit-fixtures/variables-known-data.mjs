// A line fitted by a hand-written loop over variables of its own, on data the script computes with tfjs.
import * as tf from '@tensorflow/tfjs';

const slope = tf.variable(tf.scalar(Math.random()));
const offset = tf.variable(tf.zeros([]));
const optimizer = tf.train.sgd(0.1);

function makeData(count) {
  const xs = tf.randomUniform([count], -1, 1);
  const ys = xs.mul(0.7).add(0.2).add(tf.randomNormal([count], 0, 0.01));
  return { xs, ys };
}

async function fit(xs, ys, steps) {
  for (let step = 0; step < steps; step++) {
    optimizer.minimize(() => slope.mul(xs).add(offset).sub(ys).square().mean());
    await tf.nextFrame();
  }
}

const { xs, ys } = makeData(64);
document.getElementById('status').textContent = 'training';
await fit(xs, ys, 200);
