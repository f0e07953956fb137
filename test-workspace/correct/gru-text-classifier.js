const tf = require('@tensorflow/tfjs-node');

const VOCABULARY = 10000;
const MAX_LENGTH = 200;
const TOPICS = 4;

function topicModel() {
  const model = tf.sequential();
  model.add(tf.layers.embedding({ inputDim: VOCABULARY, outputDim: 64, inputLength: MAX_LENGTH }));
  model.add(tf.layers.gru({ units: 64, dropout: 0.2, recurrentDropout: 0.2 }));
  model.add(tf.layers.dense({ units: TOPICS, activation: 'softmax' }));
  model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

async function train(sequences, topicIds) {
  const model = topicModel();
  await model.fit(tf.tensor2d(sequences, [sequences.length, MAX_LENGTH], 'int32'), tf.tensor1d(topicIds, 'float32'), {
    epochs: 8,
    batchSize: 64,
    validationSplit: 0.1,
  });
  return model;
}

module.exports = { train };
