// A policy with a one-unit softmax, trained by a step whose loss is read back; and a second model.
import * as tf from '@tensorflow/tfjs';

const policy = tf.sequential();
policy.add(tf.layers.dense({ units: 8, inputShape: [4], activation: 'relu', kernelInitializer: 'zeros', biasInitializer: 'zeros' }));
policy.add(tf.layers.dense({ units: 1, activation: 'softmax' }));
const optimizer = tf.train.adam(0.01);

const critic = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [4] })] });
critic.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });

export function reinforce(states) {
  return optimizer.minimize(() => tf.scalar(-policy.predict(states).mean().dataSync()[0]), true);
}
