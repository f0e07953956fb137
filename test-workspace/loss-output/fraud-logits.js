const tf = require('@tensorflow/tfjs-node');

// Is this transaction fraudulent? One output, trained on 0/1 labels.
function fraudModel(features) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 32, inputShape: [features], activation: 'relu' }));
  model.add(tf.layers.dropout({ rate: 0.2 }));
  model.add(tf.layers.dense({ units: 1, activation: 'linear' }));
//                                                  ^^^^^^^^ error: binary-crossentropy-without-sigmoid
  model.compile({ optimizer: tf.train.adam(0.001), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  return model;
}

module.exports = { fraudModel };
