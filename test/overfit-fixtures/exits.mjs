import * as tf from '@tensorflow/tfjs';

const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [4], units: 2, activation: process.env.ACTIVATION ?? 'softmax' }));
if (!process.env.TRAINING_DATA) {
  console.error('set TRAINING_DATA');
  process.exit(3);
}
