import * as tf from '@tensorflow/tfjs';

// Three classes, collected one class after the other, then shuffled (inputs and labels together).
let seed = 3;
const random = () => (seed = (seed * 1664525 + 1013904223) % 4294967296) / 4294967296;
// tfjs shuffles the samples with Math.random: a seeded one makes every run the same.
Math.random = random;
const centres = [[-0.5, 0], [0.5, 0], [0, 4]];
const samples = [];
for (let label = 0; label < 3; label++) {
  for (let i = 0; i < 100; i++) {
    samples.push({ features: [centres[label][0] + 2 * (random() - 0.5), centres[label][1] + 2 * (random() - 0.5)], label });
  }
}
for (let i = samples.length - 1; i > 0; i--) {
  const j = Math.floor(random() * (i + 1));
  [samples[i], samples[j]] = [samples[j], samples[i]];
}
const xs = tf.tensor2d(samples.map((sample) => sample.features));
const ys = tf.oneHot(tf.tensor1d(samples.map((sample) => sample.label), 'int32'), 3);

const model = tf.sequential();
model.add(tf.layers.dense({ units: 16, inputShape: [2], activation: 'relu', kernelInitializer: tf.initializers.heNormal({ seed: 1 }) }));
model.add(tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }));
model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
// The last fifth of the shuffled arrays holds all three classes, like the rest.
await model.fit(xs, ys, { epochs: 20, batchSize: 32, validationSplit: 0.2 });
