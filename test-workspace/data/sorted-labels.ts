import * as tf from '@tensorflow/tfjs';

/** Cats first, then dogs: the validation split takes only dogs. */
export async function trainPets(cats: tf.Tensor2D, dogs: tf.Tensor2D): Promise<void> {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 16, inputShape: [128], activation: 'relu' }));
  model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
  model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  const xs = tf.concat([cats, dogs]);
  const ys = tf.concat([tf.zeros([100, 1]), tf.ones([100, 1])]);
  await model.fit(xs, ys, { epochs: 20, validationSplit: 0.2 });
//                                                       ^^^ warning: validation-split-on-ordered-data
}
