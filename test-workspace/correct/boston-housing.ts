import * as tf from '@tensorflow/tfjs';

/** Multi-layer perceptron regression, as in the TensorFlow.js Boston housing example. */
export function multiLayerPerceptronRegressionModel(numFeatures: number): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [numFeatures], units: 50, activation: 'sigmoid', kernelInitializer: 'leCunNormal' }));
  model.add(tf.layers.dense({ units: 50, activation: 'sigmoid', kernelInitializer: 'leCunNormal' }));
  model.add(tf.layers.dense({ units: 1 }));
  return model;
}

export async function run(features: tf.Tensor2D, target: tf.Tensor2D) {
  const { mean, variance } = tf.moments(features, 0);
  const normalized = features.sub(mean).div(variance.sqrt());
//                                          ^^^^^^^^^^^^^^^ info: unguarded-division
  const model = multiLayerPerceptronRegressionModel(13);
  model.compile({ optimizer: tf.train.sgd(0.01), loss: 'meanSquaredError' });
  await model.fit(normalized, target, { batchSize: 40, epochs: 200, validationSplit: 0.2 });
}
