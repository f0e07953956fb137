import * as tf from '@tensorflow/tfjs';

function createQNetwork(height, width, numActions) {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [height, width, 2], filters: 16, kernelSize: 3, activation: 'relu' }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 64, activation: 'relu' }));
  model.add(tf.layers.dropout({ rate: 0.25 }));
  model.add(tf.layers.dense({ units: numActions }));
  return model;
}

export class Agent {
  constructor() {
    this.online = createQNetwork(9, 9, 4);
    // The target network only supplies the targets: frozen, and run in inference mode on purpose.
    this.target = createQNetwork(9, 9, 4);
    this.target.trainable = false;
    this.optimizer = tf.train.adam(1e-3);
  }

  trainOnBatch(states, actions, rewards, nextStates, gamma) {
    const lossFunction = () => tf.tidy(() => {
      const qs = this.online.predict(states).mul(tf.oneHot(actions, 4)).sum(-1);
//               ^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning: training-flag-missing-in-custom-loop
      const nextMaxQ = this.target.predict(nextStates).max(-1);
      const targets = rewards.add(nextMaxQ.mul(gamma));
      return tf.losses.meanSquaredError(targets, qs);
    });
    const grads = tf.variableGrads(lossFunction);
    this.optimizer.applyGradients(grads.grads);
    tf.dispose(grads);
  }
}
