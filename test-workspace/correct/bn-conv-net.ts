import * as tf from '@tensorflow/tfjs';

function convBlock(model: tf.Sequential, filters: number, first = false): void {
  model.add(
    tf.layers.conv2d({
      ...(first ? { inputShape: [32, 32, 3] } : {}),
      filters,
      kernelSize: 3,
      padding: 'same',
      useBias: false,
    }),
  );
  model.add(tf.layers.batchNormalization());
  model.add(tf.layers.activation({ activation: 'relu' }));
}

export function buildCifarNet(): tf.Sequential {
  const model = tf.sequential();
  convBlock(model, 32, true);
  convBlock(model, 32);
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  convBlock(model, 64);
  convBlock(model, 64);
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.globalAveragePooling2d({}));
  model.add(tf.layers.dropout({ rate: 0.3 }));
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  model.compile({ optimizer: tf.train.sgd(0.05), loss: 'sparseCategoricalCrossentropy', metrics: ['acc'] });
  return model;
}
