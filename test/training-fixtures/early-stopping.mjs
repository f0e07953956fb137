// Validation loss that cannot improve (the validation labels are noise): early stopping ends fit
// long before its 200 epochs, and the script's own onEpochEnd still sees every epoch.
import * as tf from '@tensorflow/tfjs';

const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [4], units: 16, activation: 'relu' }));
model.add(tf.layers.dense({ units: 1 }));
model.compile({ optimizer: tf.train.adam(0.05), loss: 'meanSquaredError' });

const x = tf.randomNormal([48, 4], 0, 1, 'float32', 2);
const y = tf.randomNormal([48, 1], 0, 1, 'float32', 3);
const xVal = tf.randomNormal([16, 4], 0, 1, 'float32', 4);
const yVal = tf.randomNormal([16, 1], 0, 1, 'float32', 5);
const seen = [];
const history = await model.fit(x, y, {
  epochs: 200,
  batchSize: 16,
  validationData: [xVal, yVal],
  callbacks: [tf.callbacks.earlyStopping({ monitor: 'val_loss', patience: 2 }), new tf.CustomCallback({ onEpochEnd: (epoch) => seen.push(epoch) })],
});
console.log(JSON.stringify({ ownCallbackEpochs: seen.length, historyEpochs: history.epoch.length }));
