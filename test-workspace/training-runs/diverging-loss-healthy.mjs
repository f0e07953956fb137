import * as tf from '@tensorflow/tfjs';

// Floor area in square metres against price in thousands, both scaled to about [0, 1] for training.
let seed = 11;
const random = () => (seed = (seed * 1664525 + 1013904223) % 4294967296) / 4294967296;
// tfjs shuffles the samples with Math.random: a seeded one makes every run the same.
Math.random = random;
const areas = [];
const prices = [];
for (let i = 0; i < 200; i++) {
  const area = 40 + 160 * random();
  areas.push([area / 200]);
  prices.push([(1.5 * area + 20 + 10 * (random() - 0.5)) / 320]);
}
const xs = tf.tensor2d(areas);
const ys = tf.tensor2d(prices);

const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [1], kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) }));
model.compile({ optimizer: tf.train.sgd(0.5), loss: 'meanSquaredError' });
await model.fit(xs, ys, { epochs: 30, batchSize: 20, validationSplit: 0.2 });
