import * as tf from '@tensorflow/tfjs';

// Four hundred samples of a simple rule with one label in five flipped, and a model no bigger than the rule: one logistic unit.
let seed = 21;
const random = () => (seed = (seed * 1664525 + 1013904223) % 4294967296) / 4294967296;
// tfjs shuffles the samples with Math.random: a seeded one makes every run the same.
Math.random = random;
const inputs = [];
const labels = [];
for (let i = 0; i < 400; i++) {
  const row = Array.from({ length: 8 }, () => 2 * random() - 1);
  const label = row[0] > row[1] ? 1 : 0;
  inputs.push(row);
  labels.push([random() < 0.2 ? 1 - label : label]);
}
const xs = tf.tensor2d(inputs);
const ys = tf.tensor2d(labels);

const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [8], activation: 'sigmoid', kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) }));
model.compile({ optimizer: tf.train.adam(0.01), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
// The validation loss levels off without turning.
await model.fit(xs, ys, { epochs: 40, batchSize: 16, validationSplit: 0.3 });
