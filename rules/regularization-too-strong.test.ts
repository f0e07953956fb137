import { RuleTester } from './core/rule-tester';
import rule from './regularization-too-strong';

const layer = (regularizer: string): string => `import * as tf from '@tensorflow/tfjs';\nexport const hidden = tf.layers.dense({ units: 32, activation: 'relu', kernelRegularizer: ${regularizer} });`;

new RuleTester().run(rule, {
  valid: [
    { name: 'usual L2', code: layer('tf.regularizers.l2({ l2: 0.001 })') },
    { name: 'usual L1', code: layer('tf.regularizers.l1({ l1: 1e-4 })') },
    { name: 'string default', code: layer("'l1l2'") },
  ],
  invalid: [
    { name: 'strong L2', code: layer('tf.regularizers.l2({ l2: 0.5 })'), errors: [{ messageId: 'strong', text: '0.5', severity: 'warning' }] },
    { name: 'strong L1 in l1l2', code: layer('tf.regularizers.l1l2({ l1: 0.05, l2: 0.01 })'), errors: [{ messageId: 'strong', text: '0.05' }] },
  ],
});
