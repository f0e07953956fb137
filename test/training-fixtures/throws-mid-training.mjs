// The script's own callback throws at its third epoch: fit rejects and the script fails with it.
import * as tf from '@tensorflow/tfjs';

const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [2], units: 1 }));
model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
const x = tf.randomUniform([16, 2], 0, 1, 'float32', 9);
await model.fit(x, x.sum(1, true), {
  epochs: 10,
  callbacks: {
    onEpochEnd: (epoch) => {
      if (epoch === 2) throw new Error('the data loader ran dry');
    },
  },
});
