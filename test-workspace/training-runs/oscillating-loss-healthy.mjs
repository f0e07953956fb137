import * as tf from '@tensorflow/tfjs';

// A linear rule with three inputs and a little noise, in a seeded random order.
let seed = 13;
const random = () => (seed = (seed * 1664525 + 1013904223) % 4294967296) / 4294967296;
// tfjs shuffles the samples with Math.random: a seeded one makes every run the same.
Math.random = random;
const inputs = [];
const targets = [];
for (let i = 0; i < 200; i++) {
  const row = [2 * random() - 1, 2 * random() - 1, 2 * random() - 1];
  inputs.push(row);
  targets.push([row[0] - 2 * row[1] + 0.5 * row[2] + 0.2 * (random() - 0.5)]);
}
const xs = tf.tensor2d(inputs);
const ys = tf.tensor2d(targets);

const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [3], kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }));
// Steps small enough to settle into the minimum.
model.compile({ optimizer: tf.train.sgd(0.05), loss: 'meanSquaredError' });
await model.fit(xs, ys, { epochs: 30, batchSize: 4, validationSplit: 0.2 });
