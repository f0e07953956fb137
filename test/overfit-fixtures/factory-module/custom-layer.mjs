// A factory nothing calls, with a layer of its own that only running the code can build.
import * as tf from '@tensorflow/tfjs';

class Scale extends tf.layers.Layer {
  static className = 'Scale';

  build(inputShape) {
    this.scale = this.addWeight('scale', [inputShape[inputShape.length - 1]], 'float32', tf.initializers.ones());
    super.build(inputShape);
  }

  call(inputs) {
    return tf.tidy(() => (Array.isArray(inputs) ? inputs[0] : inputs).mul(this.scale.read()));
  }
}
tf.serialization.registerClass(Scale);

export function buildWithScale(features, classes) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [features], units: 32, activation: 'relu' }));
  model.add(new Scale({}));
  model.add(tf.layers.dense({ units: classes, activation: 'softmax' }));
  model.compile({ optimizer: tf.train.adam(0.02), loss: 'categoricalCrossentropy' });
  return model;
}
