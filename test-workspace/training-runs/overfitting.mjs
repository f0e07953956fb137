import * as tf from '@tensorflow/tfjs';

// Eighty samples of a simple rule with one label in five flipped, and a network far bigger than the rule needs.
let seed = 21;
const random = () => (seed = (seed * 1664525 + 1013904223) % 4294967296) / 4294967296;
// tfjs shuffles the samples with Math.random: a seeded one makes every run the same.
Math.random = random;
const inputs = [];
const labels = [];
for (let i = 0; i < 80; i++) {
  const row = Array.from({ length: 8 }, () => 2 * random() - 1);
  const label = row[0] > row[1] ? 1 : 0;
  inputs.push(row);
  labels.push([random() < 0.2 ? 1 - label : label]);
}
const xs = tf.tensor2d(inputs);
const ys = tf.tensor2d(labels);

const model = tf.sequential();
model.add(tf.layers.dense({ units: 64, inputShape: [8], activation: 'relu', kernelInitializer: tf.initializers.heNormal({ seed: 1 }) }));
model.add(tf.layers.dense({ units: 64, activation: 'relu', kernelInitializer: tf.initializers.heNormal({ seed: 2 }) }));
model.add(tf.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) }));
model.compile({ optimizer: tf.train.adam(0.003), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
// Training goes on long after the validation loss has stopped falling: the network learns the flipped labels by heart.
await model.fit(xs, ys, { epochs: 40, batchSize: 16, validationSplit: 0.3 });
