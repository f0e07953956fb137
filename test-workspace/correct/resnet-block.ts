import * as tf from '@tensorflow/tfjs';

/** A residual block: the convolutions drop their bias because batch normalization follows. */
function residualBlock(input: tf.SymbolicTensor, filters: number): tf.SymbolicTensor {
  const conv1 = tf.layers.conv2d({ filters, kernelSize: 3, padding: 'same', useBias: false }).apply(input) as tf.SymbolicTensor;
  const norm1 = tf.layers.batchNormalization().apply(conv1) as tf.SymbolicTensor;
  const relu1 = tf.layers.reLU().apply(norm1) as tf.SymbolicTensor;
  const conv2 = tf.layers.conv2d({ filters, kernelSize: 3, padding: 'same', useBias: false }).apply(relu1) as tf.SymbolicTensor;
  const norm2 = tf.layers.batchNormalization().apply(conv2) as tf.SymbolicTensor;
  const sum = tf.layers.add().apply([norm2, input]) as tf.SymbolicTensor;
  return tf.layers.reLU().apply(sum) as tf.SymbolicTensor;
}

export function smallResNet(): tf.LayersModel {
  const input = tf.input({ shape: [32, 32, 16] });
  const block = residualBlock(residualBlock(input, 16), 16);
  const pooled = tf.layers.globalAveragePooling2d({}).apply(block) as tf.SymbolicTensor;
  const output = tf.layers.dense({ units: 10, activation: 'softmax' }).apply(pooled) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: output });
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}
