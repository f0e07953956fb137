import * as tf from '@tensorflow/tfjs';

// A GAN as tfjs trains it: trainable = false switches the discriminator's variables off everywhere,
// so they are switched back on for the discriminator's own step and off again for the generator's.
const discriminator = tf.sequential();
discriminator.add(tf.layers.dense({ inputShape: [16], units: 32 }));
discriminator.add(tf.layers.leakyReLU({ alpha: 0.2 }));
discriminator.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
discriminator.compile({ optimizer: tf.train.adam(0.0002, 0.5), loss: 'binaryCrossentropy' });

const generator = tf.sequential();
generator.add(tf.layers.dense({ inputShape: [8], units: 32, activation: 'relu' }));
generator.add(tf.layers.dense({ units: 16, activation: 'tanh' }));

// Frozen while the combined model is compiled: it collects the generator's weights only.
discriminator.trainable = false;
const noise = tf.input({ shape: [8] });
const combined = tf.model({ inputs: noise, outputs: discriminator.apply(generator.apply(noise)) as tf.SymbolicTensor });
combined.compile({ optimizer: tf.train.adam(0.0002, 0.5), loss: 'binaryCrossentropy' });

export async function trainStep(real: tf.Tensor2D, batchSize: number): Promise<void> {
  const z = tf.randomNormal([batchSize, 8]);
  const fake = generator.predict(z) as tf.Tensor2D;
  const images = tf.concat([real, fake]);
  const labels = tf.concat([tf.ones([batchSize, 1]), tf.zeros([batchSize, 1])]);
  discriminator.trainable = true;
  await discriminator.trainOnBatch(images, labels);
  discriminator.trainable = false;
  await combined.trainOnBatch(tf.randomNormal([batchSize, 8]), tf.ones([batchSize, 1]));
  tf.dispose([z, fake, images, labels]);
}
