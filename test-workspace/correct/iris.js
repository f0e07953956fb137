const tf = require('@tensorflow/tfjs-node');

const IRIS_CLASSES = ['Iris-setosa', 'Iris-versicolor', 'Iris-virginica'];

function createModel(learningRate) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 10, activation: 'sigmoid', inputShape: [4] }));
  model.add(tf.layers.dense({ units: IRIS_CLASSES.length, activation: 'softmax' }));
  model.compile({ optimizer: tf.train.adam(learningRate), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

async function trainIris(features, labelIndices) {
  const model = createModel(0.01);
  const xs = tf.tensor2d(features, [features.length, 4]);
  const ys = tf.oneHot(tf.tensor1d(labelIndices, 'int32'), IRIS_CLASSES.length);
  await model.fit(xs, ys, { epochs: 40, validationSplit: 0.15, shuffle: true });
  return model;
}

module.exports = { trainIris };
