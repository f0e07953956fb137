// Builds a model and never trains it.
import * as tf from '@tensorflow/tfjs';

const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [2], units: 1 }));
console.log(model.countParams());
