// A movie can belong to several genres at once: a multi-label problem.
const tf = require('@tensorflow/tfjs-node');

const GENRES = ['action', 'comedy', 'drama', 'horror', 'romance'];

function buildGenreModel(featureCount) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 128, inputShape: [featureCount], activation: 'relu' }));
  model.add(tf.layers.dense({ units: GENRES.length, activation: 'softmax' }));
//                                                              ^^^^^^^^^ warning: softmax-with-binary-crossentropy
  model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  return model;
}

module.exports = { buildGenreModel, GENRES };
