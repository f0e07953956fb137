import * as tf from '@tensorflow/tfjs';

const model = tf.sequential();
model.add(tf.layers.conv2d({ inputShape: [64, 64, 3], filters: 16, kernelSize: 3, activation: 'relu' }));
model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
model.add(tf.layers.flatten());
model.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
//                                       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ error: label-encoding-mismatch

export async function addExampleAndTrain(video, labelIds) {
  const frame = tf.image.resizeBilinear(tf.browser.fromPixels(video), [64, 64]).expandDims();
//                                      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning: unnormalized-input
  await model.fit(frame, tf.oneHot(tf.tensor1d(labelIds, 'int32'), 3), { epochs: 10 });
//                       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ error: int32-labels-with-sparse-loss
}
