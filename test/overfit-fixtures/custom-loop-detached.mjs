// A custom loop whose loss reads the predictions out with dataSync: no gradient reaches the weights.
import * as tf from '@tensorflow/tfjs';

const xs = tf.randomNormal([32, 4]);
const ys = tf.randomNormal([32, 1]);
const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 8, activation: 'tanh' }), tf.layers.dense({ units: 1 })] });
const optimizer = tf.train.sgd(0.1);

async function train() {
  for (let step = 0; step < 100; step++) {
    optimizer.minimize(() => {
      const predictions = tf.tensor(model.predict(xs).dataSync(), [32, 1]);
      return tf.losses.meanSquaredError(ys, predictions);
    }, false, model.trainableWeights.map((weight) => weight.read()));
    await tf.nextFrame();
  }
}

train();
