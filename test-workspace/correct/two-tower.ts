import * as tf from '@tensorflow/tfjs';

/** Whether a user will click an item: two inputs merged, one sigmoid output. */
export function clickModel(userFeatures: number, itemFeatures: number): tf.LayersModel {
  const user = tf.input({ shape: [userFeatures], name: 'user' });
  const item = tf.input({ shape: [itemFeatures], name: 'item' });
  const userTower = tf.layers.dense({ units: 16, activation: 'relu' }).apply(user) as tf.SymbolicTensor;
  const itemTower = tf.layers.dense({ units: 16, activation: 'relu' }).apply(item) as tf.SymbolicTensor;
  const merged = tf.layers.concatenate().apply([userTower, itemTower]) as tf.SymbolicTensor;
  const click = tf.layers.dense({ units: 1, activation: 'sigmoid' }).apply(merged) as tf.SymbolicTensor;
  const model = tf.model({ inputs: [user, item], outputs: click });
  model.compile({ optimizer: tf.train.adam(0.001), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  return model;
}
