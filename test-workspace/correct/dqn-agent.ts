import * as tf from '@tensorflow/tfjs';

export function createDeepQNetwork(height: number, width: number, numActions: number): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ filters: 32, kernelSize: 3, strides: 1, activation: 'relu', inputShape: [height, width, 2] }));
  model.add(tf.layers.batchNormalization());
  model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, strides: 1, activation: 'relu' }));
  model.add(tf.layers.batchNormalization());
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 100, activation: 'relu' }));
  model.add(tf.layers.dropout({ rate: 0.25 }));
  model.add(tf.layers.dense({ units: numActions }));
  return model;
}

export class Agent {
  private readonly online = createDeepQNetwork(9, 9, 4);
  private readonly target = createDeepQNetwork(9, 9, 4);
  private readonly optimizer = tf.train.adam(1e-3);

  trainOnReplayBatch(states: tf.Tensor4D, actions: tf.Tensor1D, targetQs: tf.Tensor1D): void {
    const lossFunction = () =>
      tf.tidy(() => {
        const qs = (this.online.apply(states, { training: true }) as tf.Tensor2D).mul(tf.oneHot(actions, 4)).sum(-1);
        return tf.losses.meanSquaredError(targetQs, qs) as tf.Scalar;
      });
    const grads = tf.variableGrads(lossFunction);
    this.optimizer.applyGradients(grads.grads);
    tf.dispose(grads);
  }

  syncTarget(): void {
    this.target.setWeights(this.online.getWeights());
  }
}
