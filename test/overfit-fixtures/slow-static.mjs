// A model whose learning rate is so small that training runs its whole, long budget.
import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [64], units: 256, activation: 'relu' }));
model.add(tf.layers.dense({ units: 256, activation: 'relu' }));
model.add(tf.layers.dense({ units: 1 }));
model.compile({ optimizer: tf.train.sgd(1e-7), loss: 'meanSquaredError' });
