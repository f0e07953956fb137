const tf = require('@tensorflow/tfjs');

// Pixels are scaled to [0, 1], so a sigmoid reconstruction with binary cross-entropy fits them.
function denoisingAutoencoder() {
  const encoder = [
    tf.layers.dense({ units: 128, inputShape: [784], activation: 'relu' }),
    tf.layers.dense({ units: 32, activation: 'relu' }),
  ];
  const decoder = [
    tf.layers.dense({ units: 128, activation: 'relu' }),
    tf.layers.dense({ units: 784, activation: 'sigmoid' }),
  ];
  const model = tf.sequential({ layers: [...encoder, ...decoder] });
  model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
  return model;
}

module.exports = { denoisingAutoencoder };
