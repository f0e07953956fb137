// Min-max scaling of a column that never changes: 0 / 0 gives NaN inputs.
import * as tf from '@tensorflow/tfjs';

const readings = tf.tensor2d([[21.5, 40, 1013], [23.0, 38, 1013], [19.5, 55, 1013], [25.0, 30, 1013], [22.0, 45, 1013], [24.5, 33, 1013], [20.0, 50, 1013], [21.0, 41, 1013]]);
const min = readings.min(0);
const scaled = readings.sub(min).div(readings.max(0).sub(min));
const comfort = tf.tensor2d([[0.8], [0.9], [0.4], [0.6], [0.7], [0.5], [0.3], [0.8]]);

const model = tf.sequential();
model.add(tf.layers.dense({ units: 8, inputShape: [3], activation: 'relu' }));
model.add(tf.layers.dense({ units: 1 }));
model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
await model.fit(scaled, comfort, { epochs: 40 });
