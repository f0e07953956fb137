import * as tf from '@tensorflow/tfjs';

const input = tf.input({ shape: [10] });
const left = tf.layers.dense({ units: 12, activation: 'relu' }).apply(input);
const right = tf.layers.dense({ units: 12, activation: 'tanh' }).apply(input);
const merged = tf.layers.concatenate().apply([left, right]);
const output = tf.layers.dense({ units: 1, activation: 'sigmoid' }).apply(merged);
export const model = tf.model({ inputs: input, outputs: output });
model.compile({ optimizer: tf.train.adam(0.01), loss: 'binaryCrossentropy' });
