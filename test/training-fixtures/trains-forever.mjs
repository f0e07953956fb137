// Training that does not end by itself: each epoch sleeps, so a stop or the time limit ends it.
import * as tf from '@tensorflow/tfjs';

const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [2], units: 1 }));
model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
const x = tf.randomUniform([16, 2], 0, 1, 'float32', 10);
await model.fit(x, x.sum(1, true), {
  epochs: 100000,
  callbacks: { onEpochEnd: () => new Promise((resolve) => setTimeout(resolve, 50)) },
});
