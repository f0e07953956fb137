import { RuleTester } from './core/rule-tester';
import rule from './loss-sum-reduction';

const header = "import * as tf from '@tensorflow/tfjs';\n";

new RuleTester().run(rule, {
  valid: [
    { name: 'default reduction', code: `${header}export const loss = (y: tf.Tensor, p: tf.Tensor) => tf.losses.meanSquaredError(y, p);` },
    { name: 'mean', code: `${header}export const loss = (y: tf.Tensor, p: tf.Tensor) => tf.losses.meanSquaredError(y, p, undefined, tf.Reduction.MEAN);` },
  ],
  invalid: [
    {
      name: 'sum',
      code: `${header}export const loss = (y: tf.Tensor, p: tf.Tensor) => tf.losses.meanSquaredError(y, p, undefined, tf.Reduction.SUM);`,
      errors: [{ messageId: 'sum', text: 'tf.Reduction.SUM', severity: 'info', suggestions: [{ messageId: 'useMean', output: `${header}export const loss = (y: tf.Tensor, p: tf.Tensor) => tf.losses.meanSquaredError(y, p, undefined, tf.Reduction.MEAN);` }] }],
    },
  ],
});
