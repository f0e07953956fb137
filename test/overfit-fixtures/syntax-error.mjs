import * as tf from '@tensorflow/tfjs';

const model = tf.sequential(
