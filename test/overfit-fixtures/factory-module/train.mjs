import * as tf from '@tensorflow/tfjs';
import { createModel } from './model.mjs';

const xs = tf.randomNormal([64, 5], 0, 1, 'float32', 5);
const ys = tf.oneHot(xs.argMax(-1), 5);
const model = createModel(5, 5);
await model.fit(xs, ys, { epochs: 5, batchSize: 32 });
