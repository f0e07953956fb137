import * as tf from '@tensorflow/tfjs';

// The Keras GAN idiom ported as is: Keras keeps training the discriminator through its own compile,
// but in tfjs trainable = false switches its variables off, and its own step then has nothing to
// train ("variableGrads() expects at least one of the input variables to be trainable").
const discriminator = tf.sequential();
discriminator.add(tf.layers.dense({ inputShape: [16], units: 32 }));
discriminator.add(tf.layers.leakyReLU({ alpha: 0.2 }));
discriminator.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
discriminator.compile({ optimizer: tf.train.adam(0.0002, 0.5), loss: 'binaryCrossentropy' });

const generator = tf.sequential();
generator.add(tf.layers.dense({ inputShape: [8], units: 32, activation: 'relu' }));
generator.add(tf.layers.dense({ units: 16, activation: 'tanh' }));

function buildCombined(): tf.LayersModel {
  // Only the generator should learn in the combined model.
  discriminator.trainable = false;
//^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ error: all-layers-frozen
  const noise = tf.input({ shape: [8] });
  const combined = tf.model({ inputs: noise, outputs: discriminator.apply(generator.apply(noise)) as tf.SymbolicTensor });
  combined.compile({ optimizer: tf.train.adam(0.0002, 0.5), loss: 'binaryCrossentropy' });
  return combined;
}

const combined = buildCombined();

export async function trainStep(images: tf.Tensor2D, labels: tf.Tensor2D, z: tf.Tensor2D): Promise<void> {
  await discriminator.trainOnBatch(images, labels);
  await combined.trainOnBatch(z, tf.onesLike(labels));
}
