import * as tf from '@tensorflow/tfjs';

// A smooth curve, y = sin(3x), learnt by a small network.
let seed = 5;
const random = () => (seed = (seed * 1664525 + 1013904223) % 4294967296) / 4294967296;
const inputs = [];
const targets = [];
for (let i = 0; i < 200; i++) {
  const x = 2 * random() - 1;
  inputs.push([x]);
  targets.push([Math.sin(3 * x) + 0.05 * (random() - 0.5)]);
}
const xs = tf.tensor2d(inputs);
const ys = tf.tensor2d(targets);

const model = tf.sequential();
model.add(tf.layers.dense({ units: 32, inputShape: [1], activation: 'tanh', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }));
model.add(tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }));
model.compile({ optimizer: tf.train.adam(0.01), loss: 'meanSquaredError' });
// Twenty passes stop while the loss is still falling steadily.
await model.fit(xs, ys, { epochs: 20, batchSize: 32, validationSplit: 0.2 });
