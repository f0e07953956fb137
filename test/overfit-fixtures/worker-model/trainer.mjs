import * as tf from '@tensorflow/tfjs';

self.onmessage = async (event) => {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 8, inputShape: [3], activation: 'relu' }));
  model.add(tf.layers.dense({ units: 1 }));
  model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  const xs = tf.randomNormal([32, 3]);
  await model.fit(xs, xs.sum(1, true), { epochs: event.data.epochs, callbacks: { onEpochEnd: (_, logs) => self.postMessage({ loss: logs.loss }) } });
};
