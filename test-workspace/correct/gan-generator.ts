import * as tf from '@tensorflow/tfjs';

const LATENT = 100;

export function buildGenerator(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [LATENT], units: 7 * 7 * 64, useBias: false }));
  model.add(tf.layers.batchNormalization());
  model.add(tf.layers.leakyReLU({ alpha: 0.2 }));
  model.add(tf.layers.reshape({ targetShape: [7, 7, 64] }));
  model.add(tf.layers.conv2dTranspose({ filters: 32, kernelSize: 5, strides: 2, padding: 'same', useBias: false }));
  model.add(tf.layers.batchNormalization());
  model.add(tf.layers.leakyReLU({ alpha: 0.2 }));
  model.add(tf.layers.conv2dTranspose({ filters: 1, kernelSize: 5, strides: 2, padding: 'same', activation: 'tanh' }));
  return model;
}

export function buildCombined(generator: tf.Sequential, discriminator: tf.LayersModel): tf.LayersModel {
  const latent = tf.input({ shape: [LATENT] });
  const image = generator.apply(latent) as tf.SymbolicTensor;
  discriminator.trainable = false;
  const validity = discriminator.apply(image) as tf.SymbolicTensor;
  const combined = tf.model({ inputs: latent, outputs: validity });
  combined.compile({ optimizer: tf.train.adam(0.0002, 0.5), loss: 'binaryCrossentropy' });
  return combined;
}

export async function generatorStep(combined: tf.LayersModel, batchSize: number): Promise<number> {
  const noise = tf.randomNormal([batchSize, LATENT]);
  const fooled = tf.ones([batchSize, 1]);
  const loss = (await combined.trainOnBatch(noise, fooled)) as number;
  tf.dispose([noise, fooled]);
  return loss;
}
