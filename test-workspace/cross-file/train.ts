import * as tf from '@tensorflow/tfjs';
import { BATCH_SIZE, EPOCHS } from './hyperparameters';
import { createModel } from './model';

async function train(model: tf.Sequential, xs: tf.Tensor, ys: tf.Tensor) {
  model.compile({ optimizer: tf.train.adam(0.001), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  return model.fit(xs, ys, { epochs: EPOCHS, batchSize: BATCH_SIZE, validationSplit: 0.2 });
}

export async function main(xs: tf.Tensor, ys: tf.Tensor) {
  const history = await train(createModel(1), xs, ys);
  console.log(history.history.loss);
}
