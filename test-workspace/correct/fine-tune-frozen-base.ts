import * as tf from '@tensorflow/tfjs';

export async function fineTune(base: tf.LayersModel, images: tf.Tensor4D, labels: tf.Tensor2D, classes: number) {
  for (const layer of base.layers.slice(0, -4)) layer.trainable = false;

  const features = base.getLayer('global_average_pooling2d_1').output as tf.SymbolicTensor;
  const logits = tf.layers.dense({ units: classes, activation: 'softmax' }).apply(features) as tf.SymbolicTensor;
  const model = tf.model({ inputs: base.inputs, outputs: logits });
  model.compile({ optimizer: tf.train.adam(1e-4), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });

  const scaled = images.div(127.5).sub(1);
  await model.fit(scaled, labels, { epochs: 5, batchSize: 16, validationSplit: 0.1 });
  return model;
}
