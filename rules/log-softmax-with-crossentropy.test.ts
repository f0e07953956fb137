import { RuleTester } from './core/rule-tester';
import rule from './log-softmax-with-crossentropy';

const model = (activation: string, loss: string): string => `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.dense({ units: 8, inputShape: [4], activation: 'relu' }));
model.add(tf.layers.dense({ units: 3, activation: ${activation} }));
model.compile({ optimizer: 'adam', loss: ${loss} });`;

new RuleTester().run(rule, {
  valid: [
    { name: 'softmax output', code: model("'softmax'", "'categoricalCrossentropy'") },
    { name: 'logSoftmax with a custom loss', code: model("'logSoftmax'", '(y: tf.Tensor, p: tf.Tensor) => tf.neg(tf.sum(tf.mul(y, p)))') },
  ],
  invalid: [
    {
      name: 'logSoftmax with categoricalCrossentropy',
      code: model("'logSoftmax'", "'categoricalCrossentropy'"),
      errors: [{ messageId: 'logSoftmaxOutput', line: 4, text: "'logSoftmax'", severity: 'error' }],
      output: model("'softmax'", "'categoricalCrossentropy'"),
      fixMessageId: 'useSoftmax',
    },
    {
      name: 'logSoftmax with binaryCrossentropy: no obvious repair',
      code: model("'logSoftmax'", "'binaryCrossentropy'"),
      errors: [{ messageId: 'logSoftmaxOutput' }],
      output: null,
    },
  ],
});
