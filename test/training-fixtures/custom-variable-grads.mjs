// A custom loop that takes its gradients with tf.variableGrads and applies them with an optimizer.
import * as tf from '@tensorflow/tfjs';

const w = tf.variable(tf.randomNormal([3, 1], 0, 0.1, 'float32', 7), true, 'weights');
const x = tf.randomUniform([20, 3], 0, 1, 'float32', 8);
const y = x.matMul(tf.tensor2d([[1], [-2], [0.5]]));
const optimizer = tf.train.adam(0.05);
for (let step = 0; step < 25; step++) {
  const { value, grads } = tf.variableGrads(() => x.matMul(w).sub(y).square().mean());
  optimizer.applyGradients(grads);
  value.dispose();
}
