const tf = require('@tensorflow/tfjs');

// The first linear regression: price from floor area (in thousands of square feet), plain gradient descent.
const area = tf.tensor2d([[850], [1200], [1600], [2100], [2600]]).div(1000);
const price = tf.tensor2d([[1.7], [2.3], [3.1], [4.0], [4.9]]);

const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [1] }));
model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });

module.exports = { train: () => model.fit(area, price, { epochs: 100 }) };
