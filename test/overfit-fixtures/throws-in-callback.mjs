import * as tf from '@tensorflow/tfjs';

const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [2], units: 1 }));
setTimeout(() => {
  throw new Error('the data file is malformed');
}, 10);
