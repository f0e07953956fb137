const tf = require('@tensorflow/tfjs-node');

const model = tf.sequential();
model.add(tf.layers.dense({ units: 16, inputShape: [4], activation: 'relu' }));
model.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });

async function train(xs, ys) {
  // Options written the Keras way.
  return model.fit(xs, ys, { epochs: 30, batch_size: 16, validation_split: 0.2, shuffle: false });
//                                       ^^^^^^^^^^ warning: unknown-option
//                                                       ^^^^^^^^^^^^^^^^ warning: unknown-option
//                                                                              ^^^^^^^^^^^^^^ info: shuffle-disabled
}

async function fineTune(xs, ys) {
  return model.fit(xs, ys, { epochs: 5, batchSize: 1 });
//                                                 ^ info: batch-size-extreme
}

module.exports = { train, fineTune };
