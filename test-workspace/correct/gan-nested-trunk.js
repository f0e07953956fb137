import * as tf from '@tensorflow/tfjs';

// The tfjs-examples ACGAN shape: the discriminator's convolutional trunk is a model of its own,
// applied as a layer. trainable = false on the discriminator switches off the variables of its own
// layers (the two heads) but not those of the nested trunk, which keeps training in its own step.
function buildDiscriminator() {
  const trunk = tf.sequential();
  trunk.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, padding: 'same', strides: 2 }));
  trunk.add(tf.layers.leakyReLU({ alpha: 0.2 }));
  trunk.add(tf.layers.dropout({ rate: 0.3 }));
  trunk.add(tf.layers.flatten());
  const image = tf.input({ shape: [28, 28, 1] });
  const features = trunk.apply(image);
  const realness = tf.layers.dense({ units: 1, activation: 'sigmoid' }).apply(features);
  const digit = tf.layers.dense({ units: 10, activation: 'softmax' }).apply(features);
  return tf.model({ inputs: image, outputs: [realness, digit] });
}

function buildGenerator(latentSize) {
  const generator = tf.sequential();
  generator.add(tf.layers.dense({ inputShape: [latentSize], units: 7 * 7 * 32, activation: 'relu' }));
  generator.add(tf.layers.reshape({ targetShape: [7, 7, 32] }));
  generator.add(tf.layers.conv2dTranspose({ filters: 1, kernelSize: 5, strides: 4, padding: 'same', activation: 'tanh' }));
  return generator;
}

const latentSize = 100;
const discriminator = buildDiscriminator();
discriminator.compile({
  optimizer: tf.train.adam(0.0002, 0.5),
  loss: ['binaryCrossentropy', 'sparseCategoricalCrossentropy'],
});
const generator = buildGenerator(latentSize);

const latent = tf.input({ shape: [latentSize] });
discriminator.trainable = false;
const [realness, digit] = discriminator.apply(generator.apply(latent));
const combined = tf.model({ inputs: latent, outputs: [realness, digit] });
combined.compile({
  optimizer: tf.train.adam(0.0002, 0.5),
  loss: ['binaryCrossentropy', 'sparseCategoricalCrossentropy'],
});

export async function trainDiscriminator(images, realness, digits) {
  return discriminator.trainOnBatch(images, [realness, digits]);
}

export async function trainGenerator(z, realness, digits) {
  return combined.trainOnBatch(z, [realness, digits]);
}
