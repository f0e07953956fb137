// A trainer class whose step nothing calls: its loss takes the sigmoid of probabilities again.
import * as tf from '@tensorflow/tfjs';

export class Trainer {
  constructor() {
    this.model = tf.sequential({ layers: [tf.layers.dense({ units: 8, inputShape: [5], activation: 'relu' }), tf.layers.dense({ units: 1, activation: 'sigmoid' })] });
    this.optimizer = tf.train.adam(0.01);
  }

  step(xs, labels) {
    return this.optimizer.minimize(() => tf.losses.sigmoidCrossEntropy(labels, this.model.apply(xs, { training: true })), true);
  }
}
