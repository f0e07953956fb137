import { RuleTester } from './core/rule-tester';
import rule from './sigmoid-cross-entropy-on-probabilities';

const header = "import * as tf from '@tensorflow/tfjs';\n";

new RuleTester().run(rule, {
  valid: [{ name: 'given to compile as the loss of a linear output', code: `${header}const model = tf.sequential();\nmodel.add(tf.layers.dense({ units: 1, inputShape: [4] }));\nmodel.compile({ optimizer: 'adam', loss: tf.losses.sigmoidCrossEntropy });` }, { name: 'logits', code: `${header}export const loss = (labels: tf.Tensor, logits: tf.Tensor) => tf.losses.sigmoidCrossEntropy(labels, logits);` }],
  invalid: [
    {
      name: 'given to compile as the loss of a model that ends in sigmoid',
      code: `${header}const model = tf.sequential();\nmodel.add(tf.layers.dense({ units: 1, inputShape: [4], activation: 'sigmoid' }));\nmodel.compile({ optimizer: 'adam', loss: tf.losses.sigmoidCrossEntropy });`,
      errors: [{ messageId: 'probabilities', text: 'tf.losses.sigmoidCrossEntropy' }],
    },
    {
      name: 'sigmoid written in the call',
      code: `${header}export const loss = (labels: tf.Tensor, logits: tf.Tensor) => tf.losses.sigmoidCrossEntropy(labels, tf.sigmoid(logits));`,
      errors: [{ messageId: 'probabilities', text: 'tf.sigmoid(logits)', severity: 'error' }],
      output: `${header}export const loss = (labels: tf.Tensor, logits: tf.Tensor) => tf.losses.sigmoidCrossEntropy(labels, logits);`,
      fixMessageId: 'passLogits',
    },
    {
      name: 'a sigmoid model output',
      code: `${header}const d = tf.sequential();\nd.add(tf.layers.dense({ units: 1, inputShape: [8], activation: 'sigmoid' }));\nexport const loss = (x: tf.Tensor, y: tf.Tensor) => tf.losses.sigmoidCrossEntropy(y, d.predict(x) as tf.Tensor);`,
      errors: [{ messageId: 'probabilities' }],
      output: null,
    },
  ],
});
