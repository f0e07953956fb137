import rule from './constant-kernel-initializer';
import { RuleTester } from './core/rule-tester';

const sequential = (...layers: string[]): string => `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
${layers.map((layer) => `model.add(${layer});`).join('\n')}`;

new RuleTester().run(rule, {
  valid: [
    { name: 'random initializer', code: sequential("tf.layers.dense({ units: 8, inputShape: [4], activation: 'relu', kernelInitializer: 'heNormal' })", 'tf.layers.dense({ units: 1 })') },
    { name: 'zero output layer', code: sequential("tf.layers.dense({ units: 8, inputShape: [4], activation: 'relu' })", "tf.layers.dense({ units: 2, kernelInitializer: 'zeros' })") },
    { name: 'a single unit', code: sequential("tf.layers.dense({ units: 1, inputShape: [4], kernelInitializer: 'ones' })", 'tf.layers.dense({ units: 1 })') },
    { name: 'not in a model', code: "import * as tf from '@tensorflow/tfjs';\nexport const l = tf.layers.dense({ units: 8, kernelInitializer: 'zeros' });" },
  ],
  invalid: [
    {
      name: 'zeros in a hidden layer',
      code: sequential("tf.layers.dense({ units: 8, inputShape: [4], activation: 'relu', kernelInitializer: 'zeros' })", 'tf.layers.dense({ units: 1 })'),
      errors: [
        {
          messageId: 'symmetric',
          text: "'zeros'",
          severity: 'error',
          suggestions: [{ messageId: 'useDefault', output: sequential("tf.layers.dense({ units: 8, inputShape: [4], activation: 'relu' })", 'tf.layers.dense({ units: 1 })') }],
        },
      ],
    },
    {
      name: 'an initializer object',
      code: sequential('tf.layers.conv2d({ filters: 16, kernelSize: 3, inputShape: [8, 8, 1], kernelInitializer: tf.initializers.ones() })', 'tf.layers.flatten()', 'tf.layers.dense({ units: 1 })'),
      errors: [
        {
          messageId: 'symmetric',
          text: 'tf.initializers.ones()',
          suggestions: [{ messageId: 'useDefault', output: sequential('tf.layers.conv2d({ filters: 16, kernelSize: 3, inputShape: [8, 8, 1] })', 'tf.layers.flatten()', 'tf.layers.dense({ units: 1 })') }],
        },
      ],
    },
  ],
});
