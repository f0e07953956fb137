import * as tf from '@tensorflow/tfjs';

export interface HeadOptions {
  readonly units: number;
  readonly activation: 'sigmoid' | 'softmax';
}

/** The caller decides the output; nothing is known here, so nothing is reported. */
export function configurableModel(options: HeadOptions) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 16, inputShape: [10], activation: 'relu' }));
  model.add(tf.layers.dense({ units: options.units, activation: options.activation }));
  model.compile({ optimizer: 'adam', loss: options.units === 1 ? 'binaryCrossentropy' : 'categoricalCrossentropy' });
  return model;
}
