// A custom training loop: optimizer.minimize over the batches of the data, no compile, no fit.
// The model outputs logits: softmaxCrossEntropy applies the softmax itself.
import * as tf from '@tensorflow/tfjs';

const samples = 96;
const features = [];
const labels = [];
for (let i = 0; i < samples; i++) {
  const x = [Math.sin(i), Math.cos(i * 0.3), ((i * 7) % 11) / 11 - 0.5];
  features.push(x);
  labels.push(x[0] + x[1] > 0 ? [1, 0] : [0, 1]);
}

const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [3], units: 16, activation: 'relu' }));
model.add(tf.layers.dense({ units: 2 }));
const optimizer = tf.train.adam(0.02);

for (let epoch = 0; epoch < 20; epoch++) {
  for (let start = 0; start < samples; start += 32) {
    const xs = tf.tensor2d(features.slice(start, start + 32));
    const ys = tf.tensor2d(labels.slice(start, start + 32));
    const cost = optimizer.minimize(() => tf.losses.softmaxCrossEntropy(ys, model.apply(xs)), true);
    console.log(epoch, cost.dataSync()[0]);
    tf.dispose([xs, ys, cost]);
    await tf.nextFrame();
  }
}
