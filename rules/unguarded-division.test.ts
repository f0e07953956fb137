import { RuleTester } from './core/rule-tester';
import rule from './unguarded-division';

const header = "import * as tf from '@tensorflow/tfjs';\n";

new RuleTester().run(rule, {
  valid: [
    { name: 'epsilon added', code: `${header}export const scale = (x: tf.Tensor) => { const min = x.min(); const max = x.max(); return x.sub(min).div(max.sub(min).add(1e-7)); };` },
    { name: 'epsilon inside the square root', code: `${header}export function standardise(x: tf.Tensor) {\n  const { mean, variance } = tf.moments(x, 0);\n  return x.sub(mean).div(variance.add(1e-8).sqrt());\n}` },
    { name: 'epsilon added to the variance, then tf.sqrt', code: `${header}export function standardise(x: tf.Tensor) {\n  const { mean, variance } = tf.moments(x, 0);\n  const std = tf.sqrt(tf.add(variance, 1e-7));\n  return tf.div(tf.sub(x, mean), std);\n}` },
    { name: 'epsilon added after the square root', code: `${header}export function standardise(x: tf.Tensor) {\n  const { mean, variance } = tf.moments(x, 0);\n  return x.sub(mean).div(variance.sqrt().add(1e-7));\n}` },
    { name: 'known data without a constant column', code: `${header}const x = tf.tensor2d([[1, 4], [3, 5]]);\nexport const scaled = x.sub(x.min(0)).div(x.max(0).sub(x.min(0)));` },
    { name: 'division by a constant', code: `${header}export const scale = (x: tf.Tensor) => tf.tensor2d([[1, 2]]).div(255);` },
  ],
  invalid: [
    {
      name: 'min-max scaling',
      code: `${header}export function normalise(values: number[]) {\n  const x = tf.tensor1d(values);\n  const min = x.min();\n  const max = x.max();\n  return x.sub(min).div(max.sub(min));\n}`,
      errors: [
        {
          messageId: 'range',
          text: 'max.sub(min)',
          severity: 'info',
          suggestions: [{ messageId: 'addEpsilon', output: `${header}export function normalise(values: number[]) {\n  const x = tf.tensor1d(values);\n  const min = x.min();\n  const max = x.max();\n  return x.sub(min).div(max.sub(min).add(1e-7));\n}` }],
        },
      ],
    },
    {
      name: 'a constant column of known data',
      code: `${header}const x = tf.tensor2d([[1, 5, 10], [3, 5, 20], [2, 5, 30]]);\nexport const scaled = x.sub(x.min(0)).div(x.max(0).sub(x.min(0)));`,
      errors: [{ messageId: 'zero', text: 'x.max(0).sub(x.min(0))', severity: 'error', message: /is 0 at column 1,/, suggestions: [{ messageId: 'addEpsilon', output: `${header}const x = tf.tensor2d([[1, 5, 10], [3, 5, 20], [2, 5, 30]]);\nexport const scaled = x.sub(x.min(0)).div((x.max(0).sub(x.min(0))).add(1e-7));` }] }],
    },
    {
      name: 'standardisation',
      code: `${header}export function standardise(values: number[][]) {\n  const x = tf.tensor2d(values);\n  const { mean, variance } = tf.moments(x, 0);\n  return x.sub(mean).div(tf.sqrt(variance));\n}`,
      errors: [
        {
          messageId: 'deviation',
          text: 'tf.sqrt(variance)',
          suggestions: [
            {
              messageId: 'addEpsilon',
              output: `${header}export function standardise(values: number[][]) {\n  const x = tf.tensor2d(values);\n  const { mean, variance } = tf.moments(x, 0);\n  return x.sub(mean).div(tf.sqrt(variance).add(1e-7));\n}`,
            },
          ],
        },
      ],
    },
  ],
});
