import { RuleTester } from './core/rule-tester';
import rule from './missing-hidden-nonlinearity';

const sequential = (...layers: string[]): string => `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
${layers.map((layer) => `model.add(${layer});`).join('\n')}`;

new RuleTester().run(rule, {
  valid: [
    { name: 'hidden activation', code: sequential("tf.layers.dense({ units: 64, inputShape: [10], activation: 'relu' })", "tf.layers.dense({ units: 3, activation: 'softmax' })") },
    { name: 'activation layer between', code: sequential('tf.layers.dense({ units: 64, inputShape: [10] })', 'tf.layers.leakyReLU()', 'tf.layers.dense({ units: 3 })') },
    { name: 'a linear bottleneck', code: sequential("tf.layers.dense({ units: 64, inputShape: [100], activation: 'relu' })", 'tf.layers.dense({ units: 2 })', "tf.layers.dense({ units: 64, activation: 'relu' })") },
    { name: 'a single layer', code: sequential('tf.layers.dense({ units: 1, inputShape: [10] })') },
  ],
  invalid: [
    {
      name: 'forgotten activation',
      code: sequential('tf.layers.dense({ units: 128, inputShape: [784] })', "tf.layers.dense({ units: 10, activation: 'softmax' })"),
      errors: [
        {
          messageId: 'collapses',
          line: 3,
          text: 'tf.layers.dense({ units: 128, inputShape: [784] })',
          severity: 'warning',
          suggestions: [{ messageId: 'addRelu', output: sequential("tf.layers.dense({ units: 128, inputShape: [784], activation: 'relu' })", "tf.layers.dense({ units: 10, activation: 'softmax' })") }],
        },
      ],
    },
    {
      name: 'linear written out, with dropout between',
      code: sequential("tf.layers.dense({ units: 32, inputShape: [8], activation: 'linear' })", 'tf.layers.dropout({ rate: 0.2 })', 'tf.layers.dense({ units: 32 })', 'tf.layers.dense({ units: 1 })'),
      errors: [
        { messageId: 'collapses', line: 3, suggestions: [{ messageId: 'addRelu', output: sequential("tf.layers.dense({ units: 32, inputShape: [8], activation: 'relu' })", 'tf.layers.dropout({ rate: 0.2 })', 'tf.layers.dense({ units: 32 })', 'tf.layers.dense({ units: 1 })') }] },
        {
          messageId: 'collapses',
          line: 5,
          suggestions: [{ messageId: 'addRelu', output: sequential("tf.layers.dense({ units: 32, inputShape: [8], activation: 'linear' })", 'tf.layers.dropout({ rate: 0.2 })', "tf.layers.dense({ units: 32, activation: 'relu' })", 'tf.layers.dense({ units: 1 })') }],
        },
      ],
    },
  ],
});
