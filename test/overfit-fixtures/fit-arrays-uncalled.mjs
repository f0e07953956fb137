import * as tf from '@tensorflow/tfjs';

// A training function that takes plain arrays, as a page's code gathers them, and that nothing calls.
export async function trainClickThroughRate(features, rates) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [features[0].length], units: 16, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'binaryCrossentropy' });
  await model.fit(tf.tensor2d(features), tf.tensor2d(rates, [rates.length, 1]), { epochs: 20 });
  return model;
}
