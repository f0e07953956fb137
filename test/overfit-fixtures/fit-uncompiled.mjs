// A script that trains a model it never compiled: tfjs refuses the fit before its first step.
import * as tf from '@tensorflow/tfjs';

const model = tf.sequential({ layers: [tf.layers.dense({ units: 8, inputShape: [4], activation: 'relu' }), tf.layers.dense({ units: 1 })] });
await model.fit(tf.randomNormal([16, 4]), tf.randomNormal([16, 1]), { epochs: 3 });
