import * as tf from '@tensorflow/tfjs';

// Accelerometer gestures recorded one gesture at a time: every "circle" sample, then every "shake",
// then every "tap". The samples are shuffled together before fit takes the last quarter for validation.
const GESTURES = ['circle', 'shake', 'tap'];

export async function train(recordings) {
  const features = [];
  const labels = [];
  for (let gesture = 0; gesture < GESTURES.length; gesture++) {
    for (const sample of recordings[GESTURES[gesture]]) {
      features.push(sample);
      labels.push(gesture);
    }
  }
  tf.util.shuffleCombo(features, labels);

  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 24, inputShape: [30], activation: 'relu' }));
  model.add(tf.layers.dense({ units: GESTURES.length, activation: 'softmax' }));
  model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  await model.fit(tf.tensor2d(features), tf.tensor1d(labels), { epochs: 40, validationSplit: 0.25 });
  return model;
}
