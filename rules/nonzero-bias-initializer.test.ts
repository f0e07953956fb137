import { RuleTester } from './core/rule-tester';
import rule from './nonzero-bias-initializer';

const sequential = (...layers: string[]): string => `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
${layers.map((layer) => `model.add(${layer});`).join('\n')}`;

new RuleTester().run(rule, {
  valid: [
    { name: 'zeros', code: sequential("tf.layers.dense({ units: 8, inputShape: [4], biasInitializer: 'zeros' })", 'tf.layers.dense({ units: 1 })') },
    { name: 'output layer prior', code: sequential("tf.layers.dense({ units: 8, inputShape: [4], activation: 'relu' })", "tf.layers.dense({ units: 1, activation: 'sigmoid', biasInitializer: tf.initializers.constant({ value: -2 }) })") },
    { name: 'constant zero', code: sequential('tf.layers.dense({ units: 8, inputShape: [4], biasInitializer: tf.initializers.constant({ value: 0 }) })', 'tf.layers.dense({ units: 1 })') },
  ],
  invalid: [
    {
      name: 'ones',
      code: sequential("tf.layers.dense({ units: 8, inputShape: [4], biasInitializer: 'ones' })", 'tf.layers.dense({ units: 1 })'),
      errors: [{ messageId: 'nonzero', text: "'ones'", severity: 'info', suggestions: [{ messageId: 'useZeros', output: sequential('tf.layers.dense({ units: 8, inputShape: [4] })', 'tf.layers.dense({ units: 1 })') }] }],
    },
    {
      name: 'random normal',
      code: sequential('tf.layers.dense({ units: 8, inputShape: [4], biasInitializer: tf.initializers.randomNormal({ stddev: 1 }) })', 'tf.layers.dense({ units: 1 })'),
      errors: [{ messageId: 'nonzero', suggestions: [{ messageId: 'useZeros', output: sequential('tf.layers.dense({ units: 8, inputShape: [4] })', 'tf.layers.dense({ units: 1 })') }] }],
    },
  ],
});
