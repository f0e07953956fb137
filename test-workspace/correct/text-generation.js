import * as tf from '@tensorflow/tfjs';

export function createTextModel(sampleLength, charsetSize) {
  const model = tf.sequential();
  model.add(tf.layers.lstm({ units: 128, returnSequences: true, inputShape: [sampleLength, charsetSize] }));
  model.add(tf.layers.lstm({ units: 128 }));
  model.add(tf.layers.dense({ units: charsetSize, activation: 'softmax' }));
  model.compile({ optimizer: tf.train.rmsprop(0.01), loss: 'categoricalCrossentropy' });
  return model;
}

export function sample(probs, temperature) {
  return tf.tidy(() => {
    const logits = tf.div(tf.log(probs.add(1e-8)), Math.max(temperature, 1e-6));
    const isNormalized = false;
    return tf.multinomial(logits, 1, null, isNormalized).dataSync()[0];
  });
}

export async function fitOnText(model, xs, ys, epochs) {
  await model.fit(xs, ys, { epochs, batchSize: 128, validationSplit: 0.0625 });
}
