import * as tf from '@tensorflow/tfjs';

// Three classes, collected one class after the other. The last class lies far from the other two.
let seed = 3;
const random = () => (seed = (seed * 1664525 + 1013904223) % 4294967296) / 4294967296;
// tfjs shuffles the samples with Math.random: a seeded one makes every run the same.
Math.random = random;
const centres = [[-0.5, 0], [0.5, 0], [0, 4]];
const features = [];
const labels = [];
for (let label = 0; label < 3; label++) {
  for (let i = 0; i < 100; i++) {
    features.push([centres[label][0] + 2 * (random() - 0.5), centres[label][1] + 2 * (random() - 0.5)]);
    labels.push(label);
  }
}
const xs = tf.tensor2d(features);
const ys = tf.oneHot(tf.tensor1d(labels, 'int32'), 3);

const model = tf.sequential();
model.add(tf.layers.dense({ units: 16, inputShape: [2], activation: 'relu', kernelInitializer: tf.initializers.heNormal({ seed: 1 }) }));
model.add(tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }));
model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
// The validation split is the last fifth of the arrays: samples of the easy third class only.
await model.fit(xs, ys, { epochs: 20, batchSize: 32, validationSplit: 0.2 });
//                                                                    ^^^ warning: validation-split-on-ordered-data
