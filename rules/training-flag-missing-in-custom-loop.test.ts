import { RuleTester } from './core/rule-tester';
import rule from './training-flag-missing-in-custom-loop';

const model = (extra: string): string => `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.dense({ units: 32, inputShape: [8], activation: 'relu' }));
${extra}model.add(tf.layers.dense({ units: 3 }));
const optimizer = tf.train.adam(0.001);
`;
const dropout = 'model.add(tf.layers.dropout({ rate: 0.3 }));\n';

new RuleTester().run(rule, {
  valid: [
    { name: 'apply with training: true', code: `${model(dropout)}export const step = (x: tf.Tensor, y: tf.Tensor) => optimizer.minimize(() => tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar);` },
    { name: 'no dropout or normalization', code: `${model('')}export const step = (x: tf.Tensor, y: tf.Tensor) => optimizer.minimize(() => tf.losses.softmaxCrossEntropy(y, model.predict(x) as tf.Tensor) as tf.Scalar);` },
    { name: 'predict outside the loss', code: `${model(dropout)}export const infer = (x: tf.Tensor) => model.predict(x);` },
  ],
  invalid: [
    {
      name: 'predict inside minimize',
      code: `${model(dropout)}export const step = (x: tf.Tensor, y: tf.Tensor) => optimizer.minimize(() => tf.losses.softmaxCrossEntropy(y, model.predict(x) as tf.Tensor) as tf.Scalar);`,
      errors: [{ messageId: 'predictInLoss', text: 'model.predict(x)', severity: 'warning' }],
    },
    {
      name: 'apply without the flag',
      code: `${model('model.add(tf.layers.batchNormalization());\n')}export const step = (x: tf.Tensor, y: tf.Tensor) => optimizer.minimize(() => tf.losses.softmaxCrossEntropy(y, model.apply(x) as tf.Tensor) as tf.Scalar);`,
      errors: [{ messageId: 'applyWithoutTraining' }],
    },
  ],
});
