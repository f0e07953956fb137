import * as tf from '@tensorflow/tfjs';

export async function fineTune(xs: tf.Tensor, ys: tf.Tensor): Promise<void> {
  const backbone = tf.layers.dense({ units: 64, inputShape: [128], activation: 'relu', trainable: false });
  const head = tf.layers.dense({ units: 4, activation: 'softmax' });
  const model = tf.sequential({ layers: [backbone, head] });
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
  await model.fit(xs, ys, { epochs: 10 });
  // Now fine-tune the backbone as well: compile collected only the head's weights.
  backbone.trainable = true;
//^^^^^^^^^^^^^^^^^^^^^^^^^ warning: trainable-changed-after-compile
  await model.fit(xs, ys, { epochs: 5 });
}

export async function trainHeadOnly(xs: tf.Tensor, ys: tf.Tensor): Promise<void> {
  const backbone = tf.layers.dense({ units: 64, inputShape: [128], activation: 'relu' });
  const head = tf.layers.dense({ units: 4, activation: 'softmax' });
  const model = tf.sequential({ layers: [backbone, head] });
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
  await model.fit(xs, ys, { epochs: 10 });
  // Freezing after compile takes effect at once in tfjs: the backbone's variables are no longer trainable.
  backbone.trainable = false;
  await model.fit(xs, ys, { epochs: 5 });
}

export function trainUncompiled(xs: tf.Tensor, ys: tf.Tensor) {
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [128] })] });
  model.fit(xs, ys, { epochs: 3 });
//^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ error: fit-before-compile
//^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ error: fit-not-awaited
  model.fit(xs, ys, { epochs: 3 });
//^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ error: fit-before-compile
}
