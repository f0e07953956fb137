import rule from './bias-before-batchnorm';
import { RuleTester } from './core/rule-tester';

const sequential = (...layers: string[]): string => `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
${layers.map((layer) => `model.add(${layer});`).join('\n')}`;

new RuleTester().run(rule, {
  valid: [
    { name: 'bias already off', code: sequential('tf.layers.conv2d({ inputShape: [8, 8, 1], filters: 4, kernelSize: 3, useBias: false })', 'tf.layers.batchNormalization()') },
    { name: 'activation between', code: sequential("tf.layers.dense({ units: 8, inputShape: [4], activation: 'relu' })", 'tf.layers.batchNormalization()') },
    { name: 'no normalization', code: sequential('tf.layers.dense({ units: 8, inputShape: [4] })', 'tf.layers.dense({ units: 1 })') },
  ],
  invalid: [
    {
      name: 'convolution then batch normalization',
      code: sequential('tf.layers.conv2d({ inputShape: [8, 8, 1], filters: 4, kernelSize: 3 })', 'tf.layers.batchNormalization()', 'tf.layers.reLU()'),
      errors: [
        {
          messageId: 'uselessBias',
          line: 3,
          severity: 'info',
          suggestions: [{ messageId: 'dropBias', output: sequential('tf.layers.conv2d({ inputShape: [8, 8, 1], filters: 4, kernelSize: 3, useBias: false })', 'tf.layers.batchNormalization()', 'tf.layers.reLU()') }],
        },
      ],
    },
  ],
});
