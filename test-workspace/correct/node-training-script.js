// A command-line training script in the style of the tfjs-examples Node programs.
const tf = require('@tensorflow/tfjs-node');
const fs = require('fs');

const EPOCHS = Number(process.env.EPOCHS || 25);
const BATCH_SIZE = 32;

function loadCsv(path) {
  const rows = fs.readFileSync(path, 'utf8').trim().split('\n').slice(1).map((line) => line.split(',').map(Number));
  tf.util.shuffle(rows);
  const features = rows.map((row) => row.slice(0, -1));
  const labels = rows.map((row) => row[row.length - 1]);
  return { features, labels };
}

function createModel(inputSize) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [inputSize], units: 50, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 50, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
  return model;
}

async function main() {
  const { features, labels } = loadCsv(process.argv[2]);
  const xs = tf.tensor2d(features);
  const { mean, variance } = tf.moments(xs, 0);
  const normalized = xs.sub(mean).div(variance.sqrt().add(1e-8));
  const ys = tf.tensor1d(labels);

  const model = createModel(features[0].length);
  model.compile({ optimizer: tf.train.adam(0.001), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  await model.fit(normalized, ys, {
    epochs: EPOCHS,
    batchSize: BATCH_SIZE,
    validationSplit: 0.2,
    callbacks: tf.node.tensorBoard('/tmp/fit_logs'),
  });
  await model.save('file://./model');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
