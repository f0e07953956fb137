import * as tf from '@tensorflow/tfjs';

/** Estimates the value of holding, buying or selling from a window of prices. */
export class ValueEstimator {
  private readonly model: tf.Sequential;

  constructor(private readonly windowSize: number) {
    this.model = this.buildModel();
    this.model.compile({ optimizer: tf.train.adam(0.0005), loss: 'meanSquaredError' });
  }

  private buildModel(): tf.Sequential {
    const model = tf.sequential();
    model.add(tf.layers.dense({ units: 64, inputShape: [this.windowSize], activation: 'relu' }));
    model.add(tf.layers.dense({ units: 3, activation: 'tanh' }));
//                                                    ^^^^^^ warning: activation-on-regression-output
    return model;
  }

  async learn(states: tf.Tensor2D, targets: tf.Tensor2D): Promise<void> {
    await this.model.fit(states, targets, { epochs: 1 });
  }
}
