import { RuleTester } from './core/rule-tester';
import rule from './dropout-rate-too-high';

const layer = (code: string): string => `import * as tf from '@tensorflow/tfjs';\nexport const layer = ${code};`;

new RuleTester().run(rule, {
  valid: [
    { name: 'usual rate', code: layer('tf.layers.dropout({ rate: 0.3 })') },
    { name: 'half', code: layer('tf.layers.dropout({ rate: 0.5 })') },
    { name: 'recurrent dropout', code: layer('tf.layers.lstm({ units: 8, dropout: 0.2, recurrentDropout: 0.2 })') },
  ],
  invalid: [
    {
      name: 'too high',
      code: layer('tf.layers.dropout({ rate: 0.8 })'),
      errors: [{ messageId: 'high', text: '0.8', severity: 'warning', suggestions: [{ messageId: 'useHalf', output: layer('tf.layers.dropout({ rate: 0.5 })') }] }],
    },
    {
      name: 'a keep probability written as a rate',
      code: layer('tf.layers.dropout({ rate: 1 })'),
      errors: [{ messageId: 'dropsEverything', severity: 'error', suggestions: [{ messageId: 'useHalf', output: layer('tf.layers.dropout({ rate: 0.5 })') }] }],
    },
    {
      name: 'recurrent',
      code: layer('tf.layers.gru({ units: 8, recurrentDropout: 0.7 })'),
      errors: [{ messageId: 'high', text: '0.7', suggestions: [{ messageId: 'useHalf', output: layer('tf.layers.gru({ units: 8, recurrentDropout: 0.5 })') }] }],
    },
  ],
});
