import * as tf from '@tensorflow/tfjs';

// A tiny spam filter: four word frequencies per message in, "is it spam?" out.
// It has one mistake that stops it from learning anything: tfjs-doctor underlines it.

const messages = tf.tensor2d(
  [
    [0.9, 0.1, 0.8, 0.0],
    [0.1, 0.7, 0.0, 0.6],
    [0.8, 0.0, 0.9, 0.1],
    [0.0, 0.9, 0.1, 0.8],
    [0.7, 0.2, 0.6, 0.1],
    [0.2, 0.8, 0.1, 0.9],
    [1.0, 0.1, 0.7, 0.2],
    [0.1, 0.6, 0.2, 0.7],
  ],
  [8, 4],
);
const isSpam = tf.tensor2d([1, 0, 1, 0, 1, 0, 1, 0], [8, 1]);

export function createSpamFilter() {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [4], units: 8, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 1, activation: 'softmax' }));
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  return model;
}

async function main() {
  const model = createSpamFilter();
  const history = await model.fit(messages, isSpam, { epochs: 100, batchSize: 8, verbose: 0 });
  console.log(`final loss: ${history.history.loss.at(-1)}`);
}

void main();
