import * as tf from '@tensorflow/tfjs';

const actor = tf.sequential();
actor.add(tf.layers.dense({ inputShape: [3], units: 16, activation: 'relu' }));
actor.add(tf.layers.dense({ units: 1, activation: 'tanh' }));

const critic = tf.sequential();
critic.add(tf.layers.dense({ inputShape: [4], units: 16, activation: 'relu' }));
critic.add(tf.layers.dense({ units: 1 }));

const actorOptimizer = tf.train.adam(1e-4);

// The actor's step: maximise the critic's value of the actor's action.
export function trainActor(states) {
  return actorOptimizer.minimize(() => {
    const actions = actor.apply(states, { training: true });
    return critic.apply(tf.concat([states, actions], 1)).mean().neg();
  }, actor.getWeights());
//   ^^^^^^^^^^^^^^^^^^ warning: minimize-weights-as-return-cost
}

export function trainActorOnly(states) {
  return actorOptimizer.minimize(() => {
    const actions = actor.apply(states, { training: true });
    return critic.apply(tf.concat([states, actions], 1)).mean().neg();
  }, true, actor.getWeights());
}
