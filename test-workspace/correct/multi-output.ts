import * as tf from '@tensorflow/tfjs';

/** One trunk, two heads: a product category and a price estimate. */
export function buildProductModel(vocabularySize: number, numCategories: number): tf.LayersModel {
  const tokens = tf.input({ shape: [50], name: 'tokens' });
  const embedded = tf.layers.embedding({ inputDim: vocabularySize, outputDim: 32 }).apply(tokens) as tf.SymbolicTensor;
  const pooled = tf.layers.globalAveragePooling1d().apply(embedded) as tf.SymbolicTensor;
  const hidden = tf.layers.dense({ units: 64, activation: 'relu' }).apply(pooled) as tf.SymbolicTensor;

  const category = tf.layers
    .dense({ units: numCategories, activation: 'softmax', name: 'category' })
    .apply(hidden) as tf.SymbolicTensor;
  const price = tf.layers.dense({ units: 1, name: 'price' }).apply(hidden) as tf.SymbolicTensor;

  const model = tf.model({ inputs: tokens, outputs: [category, price] });
  model.compile({
    optimizer: 'adam',
    loss: { category: 'sparseCategoricalCrossentropy', price: 'meanSquaredError' },
    metrics: { category: 'accuracy' },
  });
  return model;
}

export async function train(model: tf.LayersModel, tokens: tf.Tensor2D, categories: tf.Tensor1D, prices: tf.Tensor2D) {
  return model.fit(tokens, { category: categories, price: prices }, { epochs: 10, batchSize: 32 });
}
