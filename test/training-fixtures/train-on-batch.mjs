// A hand-written epoch loop over trainOnBatch: its 30 steps are one training call.
import * as tf from '@tensorflow/tfjs';

const input = tf.input({ shape: [2] });
const output = tf.layers.dense({ units: 1 }).apply(tf.layers.dense({ units: 4, activation: 'relu' }).apply(input));
const net = tf.model({ inputs: input, outputs: output });
net.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });

const x = tf.randomUniform([16, 2], 0, 1, 'float32', 6);
const y = x.sum(1, true);
for (let step = 0; step < 30; step++) await net.trainOnBatch(x, y);
