import { RuleTester } from './core/rule-tester';
import rule from './sqrt-without-epsilon';

const header = "import * as tf from '@tensorflow/tfjs';\n";
const optimizer = `${header}const optimizer = tf.train.adam();\n`;
const weights = `${optimizer}const w = tf.variable(tf.randomNormal([3]));\n`;

new RuleTester().run(rule, {
  valid: [
    { name: 'unknown input', code: `${header}export const root = (x: tf.Tensor) => tf.sqrt(x);` },
    { name: 'known positive data', code: `${header}export const roots = tf.tensor1d([1, 4, 9]).sqrt();` },
    { name: 'zero is fine outside a gradient', code: `${header}export const roots = tf.tensor1d([0, 4, 9]).sqrt();` },
    { name: 'a deviation for scaling data, outside a gradient', code: `${header}export const std = (x: tf.Tensor) => tf.sqrt(tf.moments(x, 0).variance);` },
    { name: 'epsilon inside the square root, in a loss', code: `${weights}export const step = (b: tf.Tensor) => optimizer.minimize(() => tf.sqrt(w.sub(b).square().sum().add(1e-8)) as tf.Scalar);` },
    { name: 'epsilon added to the variance, in a loss', code: `${weights}export const step = (x: tf.Tensor) => optimizer.minimize(() => tf.moments(w.mul(x)).variance.add(1e-5).sqrt().mean() as tf.Scalar);` },
    { name: 'a clipped argument, in a loss', code: `${weights}export const step = () => optimizer.minimize(() => w.square().sum().clipByValue(1e-12, 1e12).sqrt() as tf.Scalar);` },
    { name: 'an L1 norm in a loss', code: `${weights}export const step = (b: tf.Tensor) => optimizer.minimize(() => tf.norm(w.sub(b), 1) as tf.Scalar);` },
    { name: 'a Euclidean norm outside a gradient', code: `${header}export const distance = (a: tf.Tensor, b: tf.Tensor) => tf.norm(a.sub(b));` },
    { name: 'the argument of an unknown sign, in a loss', code: `${weights}export const step = (x: tf.Tensor) => optimizer.minimize(() => tf.sqrt(w.mul(x)).sum() as tf.Scalar);` },
  ],
  invalid: [
    {
      name: 'literal data with a negative value',
      code: `${header}export const roots = tf.tensor1d([-1, 4, 9]).sqrt();`,
      errors: [{ messageId: 'sqrtOfNegative', text: 'tf.tensor1d([-1, 4, 9]).sqrt()', severity: 'error' }],
    },
    {
      name: 'a centred value',
      code: `${header}export const roots = tf.sqrt(tf.randomUniform([4], 0, 1).sub(0.5));`,
      errors: [{ messageId: 'sqrtOfNegativeRange', text: 'tf.sqrt(tf.randomUniform([4], 0, 1).sub(0.5))', severity: 'warning' }],
    },
    {
      name: 'a distance in a loss',
      code: `${optimizer}const w = tf.variable(tf.zeros([3]));\nexport const step = (b: tf.Tensor) => optimizer.minimize(() => tf.sqrt(w.sub(b).square().sum()) as tf.Scalar);`,
      errors: [
        {
          messageId: 'sqrtGradientAtZero',
          text: 'tf.sqrt(w.sub(b).square().sum())',
          severity: 'warning',
          suggestions: [{ messageId: 'addEpsilon', output: `${optimizer}const w = tf.variable(tf.zeros([3]));\nexport const step = (b: tf.Tensor) => optimizer.minimize(() => tf.sqrt(w.sub(b).square().sum().add(1e-7)) as tf.Scalar);` }],
        },
      ],
    },
    {
      name: 'a deviation computed inside a custom loss',
      code: `${header}export const loss = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.losses.meanSquaredError(yTrue, yPred).div(tf.moments(yTrue).variance.sqrt());\nconst model = tf.sequential();\nmodel.add(tf.layers.dense({ units: 1, inputShape: [3] }));\nmodel.compile({ optimizer: 'adam', loss });`,
      errors: [{ messageId: 'sqrtGradientAtZero', text: 'tf.moments(yTrue).variance.sqrt()', suggestions: [{ messageId: 'addEpsilon', output: `${header}export const loss = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.losses.meanSquaredError(yTrue, yPred).div(tf.moments(yTrue).variance.add(1e-7).sqrt());\nconst model = tf.sequential();\nmodel.add(tf.layers.dense({ units: 1, inputShape: [3] }));\nmodel.compile({ optimizer: 'adam', loss });` }] }],
    },
    {
      name: 'a Euclidean norm of a difference in a loss',
      code: `${optimizer}export const step = (a: tf.Variable, b: tf.Tensor) => optimizer.minimize(() => tf.norm(a.sub(b)) as tf.Scalar);`,
      errors: [{ messageId: 'normGradientAtZero', text: 'tf.norm(a.sub(b))', severity: 'warning' }],
    },
  ],
});
