import * as tf from '@tensorflow/tfjs';

// TD3/DDPG as RL code often writes it: both networks are compiled (for saving and summaries), but
// the actor is trained only by its own step, so its compiled mean squared error never applies and
// its tanh output is the action range, not a regression head.
function createActor(stateSize, actionSize) {
  const actor = tf.sequential();
  actor.add(tf.layers.dense({ inputShape: [stateSize], units: 64, activation: 'relu' }));
  actor.add(tf.layers.dense({ units: actionSize, activation: 'tanh' }));
  actor.compile({ optimizer: tf.train.adam(1e-4), loss: 'meanSquaredError' });
  return actor;
}

function createCritic(stateSize, actionSize) {
  const critic = tf.sequential();
  critic.add(tf.layers.dense({ inputShape: [stateSize + actionSize], units: 64, activation: 'relu' }));
  critic.add(tf.layers.dense({ units: 1 }));
  critic.compile({ optimizer: tf.train.adam(1e-3), loss: 'meanSquaredError' });
  return critic;
}

const actor = createActor(8, 2);
const critic = createCritic(8, 2);
const actorOptimizer = tf.train.adam(1e-4);

export function trainActor(states) {
  return actorOptimizer.minimize(() => {
    const actions = actor.apply(states, { training: true });
    return critic.apply(tf.concat([states, actions], 1)).mean().neg();
  }, true, actor.getWeights());
}

export function trainCritic(statesAndActions, targets) {
  return critic.fit(statesAndActions, targets, { epochs: 1 });
}
