import * as tf from '@tensorflow/tfjs';

// Fuel use from four car measurements, a linear rule plus noise, in a seeded random order.
let seed = 5;
const random = () => (seed = (seed * 1664525 + 1013904223) % 4294967296) / 4294967296;
// tfjs shuffles the samples with Math.random: a seeded one makes every run the same.
Math.random = random;
const inputs = [];
const targets = [];
for (let i = 0; i < 200; i++) {
  const row = [2 * random() - 1, 2 * random() - 1, 2 * random() - 1, 2 * random() - 1];
  inputs.push(row);
  targets.push([1 + 0.8 * row[0] - 0.5 * row[1] + 0.3 * row[2] - 0.2 * row[3] + 0.1 * (random() - 0.5)]);
}
const xs = tf.tensor2d(inputs);
const ys = tf.tensor2d(targets);

const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [4], kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }));
model.compile({ optimizer: tf.train.sgd(0.02), loss: 'meanSquaredError' });
// Enough passes for the loss to level off.
await model.fit(xs, ys, { epochs: 150, batchSize: 32, validationSplit: 0.2 });
