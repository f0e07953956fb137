import * as tf from '@tensorflow/tfjs';

const model = tf.sequential();
model.add(tf.layers.dense({ units: 8, inputShape: [3] }));
model.add(tf.layers.activation({ activation: 'tanh' }));
//                                           ^^^^^^ warning: activation-on-regression-output
model.compile({ optimizer: tf.train.adam(0.005), loss: tf.losses.meanSquaredError });

export default model;
