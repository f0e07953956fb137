import { RuleTester } from './core/rule-tester';
import rule from './input-rank-mismatch';

const sequential = (...layers: string[]): string => `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
${layers.map((layer) => `model.add(${layer});`).join('\n')}`;

new RuleTester().run(rule, {
  valid: [
    { name: 'image into conv2d', code: sequential('tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 8, kernelSize: 3 })') },
    { name: 'sequence into lstm', code: sequential('tf.layers.lstm({ inputShape: [10, 3], units: 8 })') },
    { name: 'vector into dense', code: sequential('tf.layers.dense({ inputShape: [4], units: 2 })') },
  ],
  invalid: [
    {
      name: 'a functional model: flat vectors into an lstm',
      code: `import * as tf from '@tensorflow/tfjs';
const input = tf.input({ shape: [10] });
const hidden = tf.layers.dense({ units: 8 }).apply(input) as tf.SymbolicTensor;
const output = tf.layers.lstm({ units: 4 }).apply(hidden) as tf.SymbolicTensor;
export const model = tf.model({ inputs: input, outputs: output });`,
      errors: [{ messageId: 'wrongRank', line: 4 }],
    },
    {
      name: 'grey images without a channel',
      code: sequential('tf.layers.conv2d({ inputShape: [28, 28], filters: 8, kernelSize: 3 })'),
      errors: [{ messageId: 'wrongRank', line: 3, severity: 'error' }],
    },
    { name: 'flat vectors into an lstm', code: sequential('tf.layers.lstm({ inputShape: [10], units: 8 })'), errors: [{ messageId: 'wrongRank' }] },
    { name: 'flattening a vector', code: sequential('tf.layers.dense({ inputShape: [4], units: 8 })', 'tf.layers.flatten()'), errors: [{ messageId: 'wrongRank', line: 4 }] },
  ],
});
