import * as tf from '@tensorflow/tfjs';

const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [4], units: Number(process.env.CLASSES ?? 2), activation: 'softmax' }));
throw new Error('the data file is missing');
