// Linear regression by hand: tf.variableGrads, and the update applied with assign.
import * as tf from '@tensorflow/tfjs';

const w = tf.variable(tf.zeros([3, 1]), true, 'weights');
const b = tf.variable(tf.zeros([1]), true, 'bias');
const xs = tf.randomNormal([40, 3], 0, 1, 'float32', 7);
const ys = xs.matMul(tf.tensor2d([[2], [-1], [0.5]])).add(0.3);
const learningRate = 0.1;

for (let step = 0; step < 200; step++) {
  const { value, grads } = tf.variableGrads(() => xs.matMul(w).add(b).sub(ys).square().mean());
  w.assign(w.sub(grads['weights'].mul(learningRate)));
  b.assign(b.sub(grads['bias'].mul(learningRate)));
  tf.dispose([value, grads['weights'], grads['bias']]);
}
console.log('done');
