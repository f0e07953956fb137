// tf.grads on plain tensors, each step making new ones: the parameters are not variables.
import * as tf from '@tensorflow/tfjs';

const xs = tf.randomNormal([24, 2], 0, 1, 'float32', 11);
const ys = xs.matMul(tf.tensor2d([[1.5], [-2]])).sub(0.5);
const lossOf = (w, b) => xs.matMul(w).add(b).sub(ys).square().mean();
const gradient = tf.grads(lossOf);

let w = tf.zeros([2, 1]);
let b = tf.zeros([1]);
for (let step = 0; step < 300; step++) {
  const [dw, db] = gradient([w, b]);
  w = w.sub(dw.mul(0.05));
  b = b.sub(db.mul(0.05));
}
console.log(w.arraySync(), b.arraySync());
