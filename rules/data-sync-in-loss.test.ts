import { RuleTester } from './core/rule-tester';
import rule from './data-sync-in-loss';

const header = `import * as tf from '@tensorflow/tfjs';
const xs = tf.tensor1d([1, 2, 3]);
const ys = tf.tensor1d([2, 4, 6]);
const w = tf.variable(tf.scalar(0.5));
const optimizer = tf.train.adam(0.01);
`;

new RuleTester().run(rule, {
  valid: [
    { name: 'reading the loss minimize returns', code: `${header}const loss = optimizer.minimize(() => w.mul(xs).sub(ys).square().mean(), true);\nconsole.log(loss!.dataSync()[0]);` },
    { name: 'reading values outside the loss function', code: `${header}export function report() { console.log(w.dataSync()); }` },
    { name: 'an async read after the step', code: `${header}export async function step() {\n  const loss = optimizer.minimize(() => w.mul(xs).sub(ys).square().mean(), true)!;\n  return (await loss.data())[0];\n}` },
  ],
  invalid: [
    {
      name: 'logging inside minimize',
      code: `${header}optimizer.minimize(() => {\n  const loss = w.mul(xs).sub(ys).square().mean() as tf.Scalar;\n  console.log('loss', loss.dataSync()[0]);\n  return loss;\n});`,
      errors: [
        {
          messageId: 'readInGradient',
          text: 'loss.dataSync()',
          severity: 'warning',
          suggestions: [
            { messageId: 'removeLog', output: `${header}optimizer.minimize(() => {\n  const loss = w.mul(xs).sub(ys).square().mean() as tf.Scalar;\n  return loss;\n});` },
          ],
        },
      ],
    },
    {
      name: 'a loss rebuilt from read values',
      code: `${header}optimizer.minimize(() => {\n  const error = w.mul(xs).sub(ys).abs().mean().arraySync() as number;\n  return tf.scalar(error * error);\n});`,
      errors: [{ messageId: 'readInGradient', text: 'w.mul(xs).sub(ys).abs().mean().arraySync()', suggestions: [] }],
    },
    {
      name: 'inside a custom loss given to compile',
      code: `${header}const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1] })] });\nmodel.compile({ optimizer: 'adam', loss: (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.scalar(yPred.sub(yTrue).square().mean().dataSync()[0]!) });`,
      errors: [{ messageId: 'readInGradient', text: 'yPred.sub(yTrue).square().mean().dataSync()' }],
    },
    {
      name: 'inside tf.variableGrads',
      code: `${header}export const grads = tf.variableGrads(() => {\n  if (w.dataSync()[0]! > 10) console.warn('large weight');\n  return w.square().mean() as tf.Scalar;\n});`,
      errors: [{ messageId: 'readInGradient', text: 'w.dataSync()', suggestions: [] }],
    },
  ],
});
