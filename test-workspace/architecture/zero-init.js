const tf = require('@tensorflow/tfjs');

function buildPolicy(stateSize, actions) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 24, inputShape: [stateSize], activation: 'relu', kernelInitializer: 'zeros', biasInitializer: 'ones' }));
//                                                                                                       ^^^^^^^ error: constant-kernel-initializer
//                                                                                                                                 ^^^^^^ info: nonzero-bias-initializer
  model.add(tf.layers.dense({ units: actions, kernelInitializer: 'zeros' }));
  model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  return model;
}

module.exports = { buildPolicy };
