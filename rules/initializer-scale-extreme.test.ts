import { RuleTester } from './core/rule-tester';
import rule from './initializer-scale-extreme';

const layer = (initializer: string): string => `import * as tf from '@tensorflow/tfjs';\nexport const hidden = tf.layers.dense({ units: 32, kernelInitializer: ${initializer} });`;

new RuleTester().run(rule, {
  valid: [
    { name: 'scaled initializer', code: layer("'heNormal'") },
    { name: 'small normal', code: layer('tf.initializers.randomNormal({ mean: 0, stddev: 0.05 })') },
    { name: 'uniform in a usual range', code: layer('tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05 })') },
  ],
  invalid: [
    { name: 'unit normal', code: layer('tf.initializers.randomNormal({ mean: 0, stddev: 1 })'), errors: [{ messageId: 'tooLarge', text: '1', severity: 'warning' }] },
    { name: 'wide uniform', code: layer('tf.initializers.randomUniform({ minval: -5, maxval: 5 })'), errors: [{ messageId: 'tooLarge' }] },
    { name: 'tiny truncated normal', code: layer('tf.initializers.truncatedNormal({ stddev: 1e-6 })'), errors: [{ messageId: 'tooSmall' }] },
  ],
});
