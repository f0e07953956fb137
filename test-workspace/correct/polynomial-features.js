import * as tf from '@tensorflow/tfjs';

// Polynomial regression as in tfjs-examples: the features are [1, x, x², x³], so the single linear
// layer needs no bias of its own; the weight of the column of ones is the intercept.
const order = 3;

function features(xValues) {
  const data = [];
  for (let i = 0; i < xValues.length; ++i) {
    for (let j = 0; j < order + 1; ++j) {
      if (j === 0) data.push(1);
      else data.push(Math.pow(xValues[i], j));
    }
  }
  return tf.tensor2d(data, [xValues.length, order + 1]);
}

export async function fitPolynomial(xValues, yValues, epochs) {
  const input = tf.input({ shape: [order + 1] });
  const output = tf.layers.dense({ units: 1, kernelInitializer: 'zeros', useBias: false }).apply(input);
  const model = tf.model({ inputs: input, outputs: output });
  model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
  await model.fit(features(xValues), tf.tensor2d(yValues, [yValues.length, 1]), { batchSize: xValues.length, epochs });
  return model;
}
