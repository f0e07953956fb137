import * as tf from '@tensorflow/tfjs';

const policy = tf.sequential();
policy.add(tf.layers.dense({ inputShape: [4], units: 16, activation: 'relu' }));
policy.add(tf.layers.dense({ units: 1 }));

// REINFORCE as in tfjs-examples cart-pole: the sampled actions are read back to build constant
// labels; the gradient flows through the logits.
export function policyGradients(states) {
  return tf.variableGrads(() => tf.tidy(() => {
    const logits = policy.predict(states);
    const leftProbability = tf.sigmoid(logits);
    const actions = tf.multinomial(tf.concat([leftProbability, tf.sub(1, leftProbability)], 1), 1);
    const labels = tf.sub(1, tf.tensor2d(actions.dataSync(), actions.shape));
    return tf.losses.sigmoidCrossEntropy(labels, logits);
  }));
}

// The reward read back and turned into the loss: nothing connects it to the weights any more.
export function rewardGradients(states) {
  return tf.variableGrads(() => {
    const reward = policy.predict(states).mean().dataSync()[0];
//                 ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning: data-sync-in-loss
    return tf.scalar(-reward);
  });
}
