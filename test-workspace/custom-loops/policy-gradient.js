import * as tf from '@tensorflow/tfjs';

const policy = tf.sequential();
policy.add(tf.layers.dense({ units: 32, inputShape: [4], activation: 'relu' }));
policy.add(tf.layers.dense({ units: 2, activation: 'softmax' }));

// REINFORCE: raise the log-probability of the actions that earned a reward.
export function updatePolicy(states, actionMask, advantages, steps) {
  for (let step = 0; step < steps; step++) {
    const optimizer = tf.train.rmsprop(0.01);
//                    ^^^^^^^^^^^^^^^^^^^^^^ warning: model-or-optimizer-in-loop
    optimizer.minimize(() => {
      const probabilities = policy.predict(states);
      const logProbabilities = tf.log(probabilities);
//                             ^^^^^^^^^^^^^^^^^^^^^ warning: log-without-epsilon
      return tf.neg(tf.mean(tf.sum(tf.mul(actionMask, logProbabilities), 1).mul(advantages)));
    });
  }
}

export const evaluate = (states) => tf.tidy(async () => (await policy.predict(states).data())[0]);
//                                  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning: async-in-tidy
