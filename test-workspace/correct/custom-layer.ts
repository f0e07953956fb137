import * as tf from '@tensorflow/tfjs';

/** Scales its input by a learned per-channel factor. */
class ChannelScale extends tf.layers.Layer {
  static className = 'ChannelScale';
  private scale!: tf.LayerVariable;

  build(inputShape: tf.Shape): void {
    const channels = inputShape[inputShape.length - 1] as number;
    this.scale = this.addWeight('scale', [channels], 'float32', tf.initializers.ones());
    super.build(inputShape);
  }

  call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const input = Array.isArray(inputs) ? inputs[0]! : inputs;
      return input.mul(this.scale.read());
    });
  }

  getClassName(): string {
    return ChannelScale.className;
  }
}
tf.serialization.registerClass(ChannelScale);

export function buildWithCustomLayer(features: number, classes: number): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [features], units: 48, activation: 'relu' }));
  model.add(new ChannelScale({}));
  model.add(tf.layers.dense({ units: classes, activation: 'softmax' }));
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}
