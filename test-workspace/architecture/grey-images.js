const tf = require('@tensorflow/tfjs-node');

// 28x28 greyscale images, given without their channel dimension.
function sketchClassifier() {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [28, 28], filters: 8, kernelSize: 3, activation: 'relu' }));
//          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ error: input-rank-mismatch
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.dense({ units: 5, activation: 'softmax' }));
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
  return model;
}

function decoder() {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 7 * 7 * 16, inputShape: [32], activation: 'relu' }));
  model.add(tf.layers.reshape({ targetShape: [7, 7, 32] }));
//                                           ^^^^^^^^^^ error: invalid-reshape
  return model;
}

module.exports = { sketchClassifier, decoder };
