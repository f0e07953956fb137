import { RuleTester } from './core/rule-tester';
import rule from './double-activation';

const sequential = (...layers: string[]): string => `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
${layers.map((layer) => `model.add(${layer});`).join('\n')}`;

new RuleTester().run(rule, {
  valid: [
    { name: 'linear layer then activation layer', code: sequential('tf.layers.dense({ units: 4, inputShape: [3] })', "tf.layers.activation({ activation: 'softmax' })") },
    { name: 'relu twice is only redundant', code: sequential("tf.layers.dense({ units: 4, inputShape: [3], activation: 'relu' })", 'tf.layers.reLU()') },
    { name: 'activations with a layer between', code: sequential("tf.layers.dense({ units: 4, inputShape: [3], activation: 'relu' })", 'tf.layers.dense({ units: 2 })', 'tf.layers.softmax()') },
  ],
  invalid: [
    {
      name: 'softmax on softmax',
      code: sequential("tf.layers.dense({ units: 4, inputShape: [3], activation: 'softmax' })", 'tf.layers.softmax()'),
      errors: [
        {
          messageId: 'twice',
          text: 'tf.layers.softmax()',
          severity: 'warning',
          suggestions: [{ messageId: 'removeFirst', output: sequential('tf.layers.dense({ units: 4, inputShape: [3] })', 'tf.layers.softmax()') }],
        },
      ],
    },
    {
      name: 'relu before a softmax layer',
      code: sequential("tf.layers.dense({ units: 10, inputShape: [3], activation: 'relu' })", "tf.layers.activation({ activation: 'softmax' })"),
      errors: [{ messageId: 'twice', suggestions: [{ messageId: 'removeFirst', output: sequential('tf.layers.dense({ units: 10, inputShape: [3] })', "tf.layers.activation({ activation: 'softmax' })") }] }],
    },
    {
      name: 'two activation layers',
      code: sequential('tf.layers.dense({ units: 4, inputShape: [3] })', "tf.layers.activation({ activation: 'sigmoid' })", "tf.layers.activation({ activation: 'tanh' })"),
      errors: [{ messageId: 'twice', line: 5, suggestions: [] }],
    },
  ],
});
