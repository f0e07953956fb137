// An actor trained to raise a fixed critic's value: the loss is below zero and has its own minimum.
import * as tf from '@tensorflow/tfjs';

const actor = tf.sequential({ layers: [tf.layers.dense({ inputShape: [3], units: 8, activation: 'relu' }), tf.layers.dense({ units: 1, activation: 'tanh' })] });
const critic = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 8, activation: 'relu' }), tf.layers.dense({ units: 1, biasInitializer: tf.initializers.constant({ value: 2 }) })] });
const optimizer = tf.train.adam(0.01);

export function trainActor(states) {
  return optimizer.minimize(() => critic.apply(tf.concat([states, actor.apply(states, { training: true })], 1)).mean().neg(), true, actor.trainableWeights.map((weight) => weight.read()));
}
