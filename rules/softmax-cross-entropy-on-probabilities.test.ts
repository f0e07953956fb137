import { RuleTester } from './core/rule-tester';
import rule from './softmax-cross-entropy-on-probabilities';

const header = "import * as tf from '@tensorflow/tfjs';\n";
const softmaxModel = `${header}const model = tf.sequential();\nmodel.add(tf.layers.dense({ units: 3, inputShape: [4], activation: 'softmax' }));\n`;

new RuleTester().run(rule, {
  valid: [
    { name: 'given to compile as the loss of a linear output', code: `${header}const model = tf.sequential();\nmodel.add(tf.layers.dense({ units: 3, inputShape: [4] }));\nmodel.compile({ optimizer: 'adam', loss: tf.losses.softmaxCrossEntropy });` },
    { name: 'logits', code: `${header}export const loss = (labels: tf.Tensor, logits: tf.Tensor) => tf.losses.softmaxCrossEntropy(labels, logits);` },
    { name: 'logits from matMul', code: `${header}export const loss = (y: tf.Tensor, x: tf.Tensor, w: tf.Tensor) => tf.losses.softmaxCrossEntropy(y, tf.matMul(x, w));` },
  ],
  invalid: [
    {
      name: 'given to compile as the loss of a model that ends in softmax',
      code: `${header}const model = tf.sequential();\nmodel.add(tf.layers.dense({ units: 3, inputShape: [4], activation: 'softmax' }));\nmodel.compile({ optimizer: 'adam', loss: tf.losses.softmaxCrossEntropy });`,
      errors: [{ messageId: 'probabilities', text: 'tf.losses.softmaxCrossEntropy' }],
    },
    {
      name: 'softmax written in the call',
      code: `${header}export const loss = (labels: tf.Tensor, logits: tf.Tensor) => tf.losses.softmaxCrossEntropy(labels, tf.softmax(logits));`,
      errors: [{ messageId: 'probabilities', text: 'tf.softmax(logits)', severity: 'error' }],
      output: `${header}export const loss = (labels: tf.Tensor, logits: tf.Tensor) => tf.losses.softmaxCrossEntropy(labels, logits);`,
      fixMessageId: 'passLogits',
    },
    {
      name: 'method form',
      code: `${header}export const loss = (labels: tf.Tensor, z: tf.Tensor) => tf.losses.softmaxCrossEntropy(labels, z.softmax());`,
      errors: [{ messageId: 'probabilities' }],
      output: `${header}export const loss = (labels: tf.Tensor, z: tf.Tensor) => tf.losses.softmaxCrossEntropy(labels, z);`,
    },
    {
      name: 'the output of a softmax model',
      code: `${softmaxModel}export const loss = (xs: tf.Tensor, ys: tf.Tensor) => tf.losses.softmaxCrossEntropy(ys, model.predict(xs) as tf.Tensor);`,
      errors: [{ messageId: 'probabilities', text: 'model.predict(xs) as tf.Tensor' }],
      output: null,
    },
  ],
});
