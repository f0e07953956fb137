import { RuleTester } from './core/rule-tester';
import rule from './dropout-before-batchnorm';

const sequential = (...layers: string[]): string => `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
${layers.map((layer) => `model.add(${layer});`).join('\n')}`;

new RuleTester().run(rule, {
  valid: [
    { name: 'normalization then dropout', code: sequential("tf.layers.dense({ units: 8, inputShape: [4], activation: 'relu' })", 'tf.layers.batchNormalization()', 'tf.layers.dropout({ rate: 0.2 })') },
  ],
  invalid: [
    {
      name: 'dropout then normalization',
      code: sequential("tf.layers.dense({ units: 8, inputShape: [4], activation: 'relu' })", 'tf.layers.dropout({ rate: 0.2 })', 'tf.layers.batchNormalization()'),
      errors: [{ messageId: 'order', line: 4, text: 'tf.layers.dropout({ rate: 0.2 })', severity: 'info' }],
    },
  ],
});
