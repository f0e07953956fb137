// A custom loop that takes its gradients with tf.valueAndGrads and updates its variable by hand: no optimizer.
import * as tf from '@tensorflow/tfjs';

const w = tf.variable(tf.scalar(4), true, 'w');
const lossAndGradient = tf.valueAndGrads((weight) => weight.sub(1).square());
for (let step = 0; step < 15; step++) {
  const { value, grads } = lossAndGradient([w]);
  w.assign(w.sub(grads[0].mul(0.2)));
  value.dispose();
}
