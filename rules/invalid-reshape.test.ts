import { RuleTester } from './core/rule-tester';
import rule from './invalid-reshape';

const sequential = (...layers: string[]): string => `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
${layers.map((layer) => `model.add(${layer});`).join('\n')}`;

new RuleTester().run(rule, {
  valid: [
    { name: 'same size', code: sequential('tf.layers.dense({ units: 784, inputShape: [10] })', 'tf.layers.reshape({ targetShape: [28, 28, 1] })') },
    { name: 'inferred dimension', code: sequential('tf.layers.dense({ units: 784, inputShape: [10] })', 'tf.layers.reshape({ targetShape: [-1, 28] })') },
  ],
  invalid: [
    {
      name: 'a functional model: wrong size',
      code: `import * as tf from '@tensorflow/tfjs';
const input = tf.input({ batchShape: [null, 10] });
const wide = tf.layers.dense({ units: 784 }).apply(input) as tf.SymbolicTensor;
const image = tf.layers.reshape({ targetShape: [28, 27, 1] }).apply(wide) as tf.SymbolicTensor;
export const model = tf.model({ inputs: input, outputs: image });`,
      errors: [{ messageId: 'sizeMismatch', text: '[28, 27, 1]' }],
    },
    {
      name: 'wrong size',
      code: sequential('tf.layers.dense({ units: 784, inputShape: [10] })', 'tf.layers.reshape({ targetShape: [28, 27, 1] })'),
      errors: [{ messageId: 'sizeMismatch', text: '[28, 27, 1]', severity: 'error' }],
    },
    {
      name: 'inferred dimension that cannot divide',
      code: sequential('tf.layers.dense({ units: 100, inputShape: [10] })', 'tf.layers.reshape({ targetShape: [-1, 7] })'),
      errors: [{ messageId: 'sizeMismatch' }],
    },
  ],
});
