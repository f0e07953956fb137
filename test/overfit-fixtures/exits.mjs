import * as tf from '@tensorflow/tfjs';

const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [4], units: Number(process.env.CLASSES ?? 2), activation: 'softmax' }));
if (!process.env.TRAINING_DATA) {
  console.error('set TRAINING_DATA');
  process.exit(3);
}
