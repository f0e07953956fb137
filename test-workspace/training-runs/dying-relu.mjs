import * as tf from '@tensorflow/tfjs';

// A regression on inputs that are all positive.
let seed = 19;
const random = () => (seed = (seed * 1664525 + 1013904223) % 4294967296) / 4294967296;
// tfjs shuffles the samples with Math.random: a seeded one makes every run the same.
Math.random = random;
const inputs = [];
const targets = [];
for (let i = 0; i < 200; i++) {
  const row = [random(), random(), random(), random()];
  inputs.push(row);
  targets.push([row[0] + 2 * row[1] - row[2] + 0.5 * row[3]]);
}
const xs = tf.tensor2d(inputs);
const ys = tf.tensor2d(targets);

const model = tf.sequential();
model.add(tf.layers.dense({ units: 32, inputShape: [4], activation: 'relu', kernelInitializer: tf.initializers.heNormal({ seed: 1 }) }));
model.add(tf.layers.dense({ units: 32, activation: 'relu', kernelInitializer: tf.initializers.heNormal({ seed: 2 }) }));
model.add(tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) }));
// One large step early on pushes most ReLU units below zero for every input, and they never come back.
model.compile({ optimizer: tf.train.sgd(0.15), loss: 'meanSquaredError' });
await model.fit(xs, ys, { epochs: 15, batchSize: 16 });
