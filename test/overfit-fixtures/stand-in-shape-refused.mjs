import * as tf from '@tensorflow/tfjs';

// A convolution head on a loaded model's features whose batch normalization takes axis 1: a shape the
// check makes up for the features may be one the head cannot take.
export async function makeHead() {
  const base = await tf.loadLayersModel('https://example.com/model.json');
  const head = tf.sequential();
  head.add(tf.layers.conv2d({ inputShape: base.outputs[0].shape.slice(1), filters: 4, kernelSize: 1 }));
  head.add(tf.layers.batchNormalization({ axis: 1 }));
  head.add(tf.layers.flatten());
  head.add(tf.layers.dense({ units: 2, activation: 'softmax' }));
  head.compile({ optimizer: 'sgd', loss: 'categoricalCrossentropy' });
  return head;
}
