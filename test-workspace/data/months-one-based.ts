import * as tf from '@tensorflow/tfjs';

// Guesses the month of a photo from its colour statistics; months are numbered as on a calendar.
const colours = tf.randomUniform([12, 6]);
const months = tf.tensor1d([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], 'int32');
//             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ error: labels-outside-loss-domain
//             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ error: int32-labels-with-sparse-loss

const model = tf.sequential();
model.add(tf.layers.dense({ units: 24, inputShape: [6], activation: 'relu' }));
model.add(tf.layers.dense({ units: 12, activation: 'softmax' }));
model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy' });

export const train = () => model.fit(colours, months, { epochs: 30 });
