// A sound linear regression whose plain gradient descent is slow on its data: the loss falls
// steadily, step after step, far past the check's budget, without reaching its end.
import * as tf from '@tensorflow/tfjs';

const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [1] }));
model.compile({ optimizer: tf.train.sgd(0.0003), loss: 'meanSquaredError' });
const x = tf.linspace(0, 1, 32).reshape([32, 1]);
const y = x.mul(3).add(1);
await model.fit(x, y, { batchSize: 32, epochs: 5 });
