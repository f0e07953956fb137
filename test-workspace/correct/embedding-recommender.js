import * as tf from '@tensorflow/tfjs';

export function buildRecommender(numUsers, numItems, factors = 16) {
  const user = tf.input({ shape: [1], name: 'user' });
  const item = tf.input({ shape: [1], name: 'item' });
  const userVector = tf.layers.flatten().apply(tf.layers.embedding({ inputDim: numUsers, outputDim: factors }).apply(user));
  const itemVector = tf.layers.flatten().apply(tf.layers.embedding({ inputDim: numItems, outputDim: factors }).apply(item));
  const score = tf.layers.dot({ axes: 1 }).apply([userVector, itemVector]);
  const rating = tf.layers.dense({ units: 1 }).apply(score);
  const model = tf.model({ inputs: [user, item], outputs: rating });
  model.compile({ optimizer: tf.train.adam(0.005), loss: 'meanSquaredError' });
  return model;
}

export async function trainRecommender(model, users, items, ratings) {
  const scaledRatings = tf.tensor2d(ratings, [ratings.length, 1]).div(5);
  await model.fit([tf.tensor2d(users, [users.length, 1]), tf.tensor2d(items, [items.length, 1])], scaledRatings, {
    epochs: 8,
    batchSize: 256,
    shuffle: true,
  });
}
