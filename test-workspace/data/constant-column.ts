import * as tf from '@tensorflow/tfjs';

// Sensor readings: temperature, humidity, and a pressure sensor that was stuck at 1013 all day.
const readings = tf.tensor2d([
  [21.5, 40, 1013],
  [23.0, 38, 1013],
  [19.5, 55, 1013],
  [25.0, 30, 1013],
]);
const min = readings.min(0);
const max = readings.max(0);
const scaled = readings.sub(min).div(max.sub(min));
//                                   ^^^^^^^^^^^^ error: unguarded-division
const comfort = tf.tensor2d([[0.8], [0.9], [0.4], [0.6]]);

const model = tf.sequential();
model.add(tf.layers.dense({ units: 8, inputShape: [3], activation: 'relu' }));
model.add(tf.layers.dense({ units: 1 }));
model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });

export const train = () => model.fit(scaled, comfort, { epochs: 40 });
