import { RuleTester } from './core/rule-tester';
import rule from './model-or-optimizer-in-loop';

const header = `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.dense({ units: 3, inputShape: [4] }));
`;

new RuleTester().run(rule, {
  valid: [
    { name: 'created once', code: `${header}const optimizer = tf.train.adam(0.01);\nexport function train(x: tf.Tensor, y: tf.Tensor) {\n  for (let i = 0; i < 100; i++) optimizer.minimize(() => tf.losses.softmaxCrossEntropy(y, model.predict(x) as tf.Tensor) as tf.Scalar);\n}` },
    { name: 'one model per configuration', code: `${header}export function search(rates: number[]) {\n  for (const rate of rates) {\n    const m = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [4] })] });\n    m.compile({ optimizer: tf.train.adam(rate), loss: 'meanSquaredError' });\n  }\n}` },
    { name: 'plain SGD has no state', code: `${header}export function train(x: tf.Tensor, y: tf.Tensor) {\n  for (let i = 0; i < 100; i++) tf.train.sgd(0.1).minimize(() => tf.losses.softmaxCrossEntropy(y, model.predict(x) as tf.Tensor) as tf.Scalar);\n}` },
  ],
  invalid: [
    {
      name: 'adam created every step',
      code: `${header}export function train(x: tf.Tensor, y: tf.Tensor, steps: number) {\n  for (let i = 0; i < steps; i++) {\n    const optimizer = tf.train.adam(0.01);\n    optimizer.minimize(() => tf.losses.softmaxCrossEntropy(y, model.predict(x) as tf.Tensor) as tf.Scalar);\n  }\n}`,
      errors: [{ messageId: 'optimizerInLoop', line: 6, text: 'tf.train.adam(0.01)', severity: 'warning' }],
    },
  ],
});
