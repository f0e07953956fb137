// Two models made in one function: an actor and a critic.
import * as tf from '@tensorflow/tfjs';

export function buildAgent() {
  const actor = tf.sequential({ layers: [tf.layers.dense({ units: 8, inputShape: [4], activation: 'relu' }), tf.layers.dense({ units: 2, activation: 'softmax' })] });
  actor.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy' });
  const critic = tf.sequential({ layers: [tf.layers.dense({ units: 8, inputShape: [4], activation: 'relu' }), tf.layers.dense({ units: 1 })] });
  critic.compile({ optimizer: tf.train.adam(0.01), loss: 'meanSquaredError' });
  return { actor, critic };
}
