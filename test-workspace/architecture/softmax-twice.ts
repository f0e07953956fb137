import * as tf from '@tensorflow/tfjs';

export const gestureModel = tf.sequential({
  layers: [
    tf.layers.dense({ units: 50, inputShape: [63], activation: 'relu' }),
    tf.layers.dense({ units: 6, activation: 'softmax' }),
    tf.layers.softmax(),
//  ^^^^^^^^^^^^^^^^^^^ warning: double-activation
  ],
});
gestureModel.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
