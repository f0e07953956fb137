import * as tf from '@tensorflow/tfjs';

// Functional API: customer features in, "will they leave?" out.
const features = tf.input({ shape: [20], name: 'features' });
const hidden = tf.layers.dense({ units: 32, activation: 'relu' }).apply(features) as tf.SymbolicTensor;
const normalized = tf.layers.batchNormalization().apply(hidden) as tf.SymbolicTensor;
const churn = tf.layers.dense({ units: 1, activation: 'softmax', name: 'churn' }).apply(normalized) as tf.SymbolicTensor;
//                                                    ^^^^^^^^^ error: softmax-with-binary-crossentropy

export const churnModel = tf.model({ inputs: features, outputs: churn });
churnModel.compile({ optimizer: 'adam', loss: 'binaryCrossentropy', metrics: ['accuracy'] });
