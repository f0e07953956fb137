import * as tf from '@tensorflow/tfjs';

// Three classes of points around three centres, in a seeded random order.
let seed = 7;
const random = () => (seed = (seed * 1664525 + 1013904223) % 4294967296) / 4294967296;
// tfjs shuffles the samples with Math.random: a seeded one makes every run the same.
Math.random = random;
const centres = [[-1, -1], [1, -1], [0, 1]];
const features = [];
const labels = [];
for (let i = 0; i < 300; i++) {
  const label = Math.floor(random() * 3);
  features.push([centres[label][0] + 2 * (random() - 0.5), centres[label][1] + 2 * (random() - 0.5)]);
  labels.push(label);
}
const xs = tf.tensor2d(features);
const ys = tf.oneHot(tf.tensor1d(labels, 'int32'), 3);

const model = tf.sequential();
model.add(tf.layers.dense({ units: 16, inputShape: [2], activation: 'relu', kernelInitializer: tf.initializers.heNormal({ seed: 1 }) }));
model.add(tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }));
// A step large enough to learn the three classes in a few epochs.
model.compile({ optimizer: tf.train.sgd(0.1), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
await model.fit(xs, ys, { epochs: 30, batchSize: 32, validationSplit: 0.2 });
