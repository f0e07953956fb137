import * as tf from '@tensorflow/tfjs';

const LEARNING_RATES = [0.01, 0.003, 0.001, 0.0003];
const HIDDEN_SIZES = [16, 64];

function candidate(hidden: number, learningRate: number, inputSize: number): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [inputSize], units: hidden, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
  model.compile({ optimizer: tf.train.adam(learningRate), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

export async function search(xs: tf.Tensor2D, ys: tf.Tensor2D) {
  let best = { loss: Infinity, hidden: 0, learningRate: 0 };
  for (const hidden of HIDDEN_SIZES) {
    for (const learningRate of LEARNING_RATES) {
      const model = candidate(hidden, learningRate, xs.shape[1]);
      const history = await model.fit(xs, ys, { epochs: 20, batchSize: 32, validationSplit: 0.2, shuffle: true, verbose: 0 });
      const valLoss = history.history['val_loss']!.at(-1) as number;
      if (valLoss < best.loss) best = { loss: valLoss, hidden, learningRate };
      model.dispose();
    }
  }
  return best;
}
