import * as tf from '@tensorflow/tfjs';

// Points inside or outside a circle.
let seed = 17;
const random = () => (seed = (seed * 1664525 + 1013904223) % 4294967296) / 4294967296;
// tfjs shuffles the samples with Math.random: a seeded one makes every run the same.
Math.random = random;
const features = [];
const labels = [];
for (let i = 0; i < 200; i++) {
  const point = [2 * random() - 1, 2 * random() - 1];
  features.push(point);
  labels.push([point[0] ** 2 + point[1] ** 2 < 0.5 ? 1 : 0]);
}
const xs = tf.tensor2d(features);
const ys = tf.tensor2d(labels);

// Ten sigmoid layers: each scales the gradient that flows back through it by a quarter or less.
const model = tf.sequential();
for (let i = 0; i < 10; i++) {
  model.add(tf.layers.dense({ units: 16, activation: 'sigmoid', kernelInitializer: tf.initializers.glorotUniform({ seed: i + 1 }), ...(i === 0 ? { inputShape: [2] } : {}) }));
//                                                   ^^^^^^^^^ warning: saturating-deep-stack
}
model.add(tf.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: tf.initializers.glorotUniform({ seed: 20 }) }));
model.compile({ optimizer: tf.train.sgd(0.1), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
await model.fit(xs, ys, { epochs: 10, batchSize: 32 });
