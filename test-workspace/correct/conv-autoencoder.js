const tf = require('@tensorflow/tfjs-node');

function encoder() {
  return [
    tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 16, kernelSize: 3, padding: 'same', activation: 'relu' }),
    tf.layers.maxPooling2d({ poolSize: 2, padding: 'same' }),
    tf.layers.conv2d({ filters: 8, kernelSize: 3, padding: 'same', activation: 'relu' }),
    tf.layers.maxPooling2d({ poolSize: 2, padding: 'same' }),
  ];
}

function decoder() {
  return [
    tf.layers.conv2dTranspose({ filters: 8, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' }),
    tf.layers.conv2dTranspose({ filters: 16, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' }),
    tf.layers.conv2d({ filters: 1, kernelSize: 3, padding: 'same', activation: 'sigmoid' }),
  ];
}

async function trainDenoiser(cleanImages) {
  const model = tf.sequential({ layers: [...encoder(), ...decoder()] });
  model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
  const scaled = cleanImages.div(255);
  const noisy = scaled.add(tf.randomNormal(scaled.shape, 0, 0.1)).clipByValue(0, 1);
  await model.fit(noisy, scaled, { epochs: 20, batchSize: 128, shuffle: true });
  return model;
}

module.exports = { trainDenoiser };
