import { RuleTester } from './core/rule-tester';
import rule from './minimize-non-scalar';

const header = `import * as tf from '@tensorflow/tfjs';
const xs = tf.tensor1d([1, 2, 3, 4]);
const ys = tf.tensor1d([2, 4, 6, 8]);
const a = tf.variable(tf.scalar(Math.random()));
const optimizer = tf.train.sgd(0.01);
`;

new RuleTester().run(rule, {
  valid: [
    { name: 'mean squared error reduced with mean()', code: `${header}optimizer.minimize(() => a.mul(xs).sub(ys).square().mean());` },
    { name: 'a tf.losses function reduces by default', code: `${header}optimizer.minimize(() => tf.losses.meanSquaredError(ys, a.mul(xs)));` },
    { name: 'scalar variables only', code: `${header}const b = tf.variable(tf.scalar(1));\noptimizer.minimize(() => a.sub(b).square());` },
    { name: 'a loss with an explicit reduction is not guessed', code: `${header}optimizer.minimize(() => tf.losses.meanSquaredError(ys, a.mul(xs), undefined, tf.Reduction.NONE) as tf.Scalar);` },
    { name: 'mean over an axis is not guessed', code: `${header}optimizer.minimize(() => a.mul(xs).sub(ys).square().mean(0) as tf.Scalar);` },
    { name: 'unknown operands', code: `${header}export const step = (x: tf.Tensor, y: tf.Tensor) => optimizer.minimize(() => a.mul(x).sub(y).square() as tf.Scalar);` },
    { name: 'sum of a model prediction', code: `${header}const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1] })] });\noptimizer.minimize(() => (model.predict(xs) as tf.Tensor).sub(ys).abs().sum());` },
  ],
  invalid: [
    {
      name: 'squared error without a reduction',
      code: `${header}optimizer.minimize(() => a.mul(xs).sub(ys).square());`,
      errors: [
        {
          messageId: 'notScalar',
          text: 'a.mul(xs).sub(ys).square()',
          severity: 'error',
          suggestions: [{ messageId: 'takeMean', output: `${header}optimizer.minimize(() => a.mul(xs).sub(ys).square().mean());` }],
        },
      ],
    },
    {
      name: 'model predictions in tf.variableGrads',
      code: `${header}const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1] })] });\nexport const grads = tf.variableGrads(() => tf.sub(model.predict(xs) as tf.Tensor, ys).abs() as tf.Scalar);`,
      errors: [
        {
          messageId: 'notScalar',
          text: 'tf.sub(model.predict(xs) as tf.Tensor, ys).abs()',
          suggestions: [
            {
              messageId: 'takeMean',
              output: `${header}const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1] })] });\nexport const grads = tf.variableGrads(() => tf.sub(model.predict(xs) as tf.Tensor, ys).abs().mean() as tf.Scalar);`,
            },
          ],
        },
      ],
    },
    {
      name: 'a helper loss: reported, but not changed',
      code: `${header}const loss = (pred: tf.Tensor, label: tf.Tensor) => pred.sub(label).square();\noptimizer.minimize(() => loss(a.mul(xs), ys) as tf.Scalar);`,
      errors: [{ messageId: 'notScalar', text: 'pred.sub(label).square()', suggestions: [] }],
    },
  ],
});
