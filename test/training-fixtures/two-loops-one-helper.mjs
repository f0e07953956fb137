// Two custom loops stepped by one helper function, each with its own optimizer (as a GAN's two players are).
import * as tf from '@tensorflow/tfjs';

const a = tf.variable(tf.scalar(1), true, 'a');
const b = tf.variable(tf.scalar(-1), true, 'b');
const first = tf.train.sgd(0.1);
const second = tf.train.adam(0.1);
const step = (optimizer, loss) => optimizer.minimize(loss);
for (let i = 0; i < 12; i++) {
  step(first, () => a.sub(3).square());
  step(second, () => b.add(2).square());
}
