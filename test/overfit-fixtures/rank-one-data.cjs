// Samples as rank-1 tensors, which fit reads as a column each (tfjs makes its arrays at least 2D).
const tf = require('@tensorflow/tfjs');

const xs = tf.tensor([-1, 0, 1, 2, 3, 4, 5, 6, 7, 8]);
const ys = tf.tensor([-4, -2, 0, 2, 4, 6, 8, 10, 12, 14]);
const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [1], units: 1 }));
model.compile({ optimizer: tf.train.adam(0.1), loss: 'meanSquaredError' });
model.fit(xs, ys, { epochs: 300 });
