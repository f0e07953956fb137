// Ported from a Keras script: the names are Python's, not TensorFlow.js's.
const tf = require('@tensorflow/tfjs-node');

function buildClassifier(inputSize, classes) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 128, inputShape: [inputSize], activation: 'ReLU', kernelInitializer: 'he_normal' }));
//                                                                             ^^^^^^ error: unknown-activation
//                                                                                                        ^^^^^^^^^^^ error: unknown-initializer
  model.add(tf.layers.dropout({ rate: 0.2 }));
  model.add(tf.layers.dense({ units: classes, activation: 'softmax' }));
  model.compile({ optimizer: 'RmsProp', loss: 'categorical_crossentropy', metrics: ['accuracy'] });
//                           ^^^^^^^^^ error: unknown-optimizer
//                                            ^^^^^^^^^^^^^^^^^^^^^^^^^^ error: unknown-loss
  return model;
}

module.exports = { buildClassifier };
