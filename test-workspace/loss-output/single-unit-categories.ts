import * as tf from '@tensorflow/tfjs';

const OUTPUTS = 1;

export const model = tf.sequential({
  layers: [
    tf.layers.dense({ units: 24, inputShape: [12], activation: 'relu' }),
    tf.layers.dense({ units: OUTPUTS, activation: 'softmax' }),
//                           ^^^^^^^ error: loss-units-mismatch
  ],
});
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
