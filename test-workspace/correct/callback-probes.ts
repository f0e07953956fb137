import * as tf from '@tensorflow/tfjs';

/**
 * Trains a classifier and watches its predictions on a probe set as it learns, from fit's
 * callbacks and from a callback class: each probe's tensors are disposed once read.
 */
const model = tf.sequential({
  layers: [tf.layers.dense({ units: 16, inputShape: [8], activation: 'relu' }), tf.layers.dense({ units: 4, activation: 'softmax' })],
});
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });

export async function trainWithProbes(xs: tf.Tensor2D, ys: tf.Tensor2D, probe: tf.Tensor2D): Promise<void> {
  await model.fit(xs, ys, {
    epochs: 50,
    batchSize: 32,
    callbacks: [
      {
        onBatchEnd: async () => {
          const highest = tf.tidy(() => (model.predict(probe) as tf.Tensor).max());
          console.log(await highest.data());
          highest.dispose();
        },
        // Runs once, when training ends.
        onTrainEnd: () => {
          const final = model.predict(probe) as tf.Tensor;
          console.log(final.shape);
        },
      },
      new ConfusionLogger(model, probe),
    ],
  });
}

class ConfusionLogger extends tf.Callback {
  constructor(private readonly net: tf.LayersModel, private readonly probe: tf.Tensor2D) {
    super();
  }

  override async onEpochEnd(epoch: number): Promise<void> {
    const classes = tf.tidy(() => (this.net.predict(this.probe) as tf.Tensor).argMax(-1));
    try {
      console.log(epoch, await classes.array());
    } finally {
      classes.dispose();
    }
  }
}
