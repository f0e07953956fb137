import * as tf from '@tensorflow/tfjs';

// House prices from floor area and number of bedrooms, min-max scaled in one go.
const houses = tf.tensor2d([[2104, 3], [1600, 3], [2400, 4], [1416, 2], [3000, 4]]);
const features = houses.sub(houses.min()).div(houses.max().sub(houses.min()));
//               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning: global-min-max-scaling
const prices = tf.tensor2d([[0.40], [0.33], [0.37], [0.23], [0.54]]);

const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [2] }));
model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });

export const train = () => model.fit(features, prices, { epochs: 200 });
