// One sample, trained one at a time: any model fits it, so a pass would say nothing.
import * as tf from '@tensorflow/tfjs';

const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [3], units: 8, activation: 'relu' }));
model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
model.compile({ optimizer: tf.train.adam(0.01), loss: 'binaryCrossentropy' });
await model.fit(tf.tensor2d([[0.2, 0.5, 0.9]]), tf.tensor2d([[1]]), { epochs: 10, batchSize: 1 });
