import * as tf from '@tensorflow/tfjs';

const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [4], units: 2, activation: process.env.ACTIVATION ?? 'softmax' }));
throw new Error('the data file is missing');
