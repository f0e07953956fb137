// A small regression trained with a validation split and a callback of its own.
import * as tf from '@tensorflow/tfjs';

const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [2], units: 8, activation: 'relu' }));
model.add(tf.layers.dense({ units: 1 }));
model.compile({ optimizer: tf.train.adam(0.05), loss: 'meanSquaredError' });

const x = tf.randomUniform([64, 2], 0, 1, 'float32', 1);
const y = x.sum(1, true);
const seen = [];
await model.fit(x, y, {
  epochs: 8,
  batchSize: 16,
  validationSplit: 0.25,
  callbacks: { onEpochEnd: (epoch, logs) => seen.push(logs.loss) },
});
console.log(`own callback saw ${seen.length} epochs`);
