// Classes written as 1 and 2 for a sigmoid output, whose values stay in [0, 1].
import * as tf from '@tensorflow/tfjs';

const xs = tf.randomUniform([64, 4]);
const ys = tf.randomUniform([64, 1], 1, 3, 'int32');

const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [4], units: 16, activation: 'relu' }));
model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
model.compile({ optimizer: tf.train.adam(0.01), loss: 'meanSquaredError' });
await model.fit(xs, ys, { epochs: 50 });
