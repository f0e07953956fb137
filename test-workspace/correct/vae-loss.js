const tf = require('@tensorflow/tfjs');

// Reconstruction plus KL divergence, as in the fashion-mnist VAE example.
function vaeLoss(inputs, outputs) {
  return tf.tidy(() => {
    const originalDim = inputs.shape[1];
    const [decoderOutput, zMean, zLogVar] = outputs;
    const reconstructionLoss = tf.losses.meanSquaredError(inputs, decoderOutput).mul(originalDim);
    let klLoss = zLogVar.add(1).sub(zMean.square()).sub(zLogVar.exp());
    klLoss = klLoss.sum(-1).mul(-0.5);
    return reconstructionLoss.add(klLoss).mean();
  });
}

module.exports = { vaeLoss };
