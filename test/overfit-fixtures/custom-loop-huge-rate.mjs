// tf.variableGrads with optimizer.applyGradients, at a learning rate far too high.
import * as tf from '@tensorflow/tfjs';

const xs = tf.randomNormal([32, 5], 0, 1, 'float32', 3);
const ys = tf.oneHot(tf.tensor1d([0, 1, 2, 1, 0, 2, 2, 1, 0, 0, 1, 2, 1, 0, 2, 2, 1, 0, 0, 1, 2, 1, 0, 2, 2, 1, 0, 1, 1, 2, 0, 0], 'int32'), 3);
const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [5], units: 24, activation: 'relu' }));
model.add(tf.layers.dense({ units: 3 }));
const optimizer = tf.train.sgd(80);

async function trainStep() {
  const { value, grads } = tf.variableGrads(() => tf.losses.softmaxCrossEntropy(ys, model.predict(xs)));
  optimizer.applyGradients(grads);
  return value.data();
}

for (let epoch = 0; epoch < 50; epoch++) console.log(await trainStep());
