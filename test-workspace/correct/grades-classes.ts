import * as tf from '@tensorflow/tfjs';

// Grades from 0 to 10 in steps of 2, turned into six classes 0 to 5.
const essays = tf.randomNormal([8, 32]);
const grades = tf.tensor1d([0, 2, 4, 6, 8, 10, 4, 6]);
const classes = grades.div(2);

const model = tf.sequential();
model.add(tf.layers.dense({ units: 16, inputShape: [32], activation: 'relu' }));
model.add(tf.layers.dense({ units: 6, activation: 'softmax' }));
model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy' });

export const train = () => model.fit(essays, classes, { epochs: 20 });
