import * as tf from '@tensorflow/tfjs';

const state = tf.input({ shape: [8] });
const hidden = tf.layers.dense({ units: 64, activation: 'relu' }).apply(state);
const policy = tf.layers.dense({ units: 4, activation: 'softmax', name: 'policy' }).apply(hidden);
const value = tf.layers.dense({ units: 1, name: 'value' }).apply(hidden);
export const actorCritic = tf.model({ inputs: state, outputs: [policy, value] });

const optimizer = tf.train.adam(7e-4);

export function update(states, actionMask, returns) {
  optimizer.minimize(() => {
    const [probabilities, values] = actorCritic.apply(states, { training: true });
    const advantages = returns.sub(values.squeeze());
    const logProbabilities = tf.log(probabilities.clipByValue(1e-7, 1));
    const policyLoss = tf.neg(tf.mean(tf.sum(tf.mul(actionMask, logProbabilities), 1).mul(advantages)));
    const valueLoss = tf.losses.meanSquaredError(returns, values.squeeze());
    return policyLoss.add(valueLoss.mul(0.5));
  });
}
