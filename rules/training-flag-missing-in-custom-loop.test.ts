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
    {
      // DQN (tfjs-examples snake-dqn): the target network is frozen and only supplies the targets.
      name: 'a frozen target network predicted inside the loss',
      code: `${model(dropout)}const online = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [8] })] });
model.trainable = false;
export const step = (x: tf.Tensor, next: tf.Tensor) => tf.variableGrads(() => {
  const targets = (model.predict(next) as tf.Tensor).max(-1);
  return tf.losses.meanSquaredError(targets, (online.apply(x, { training: true }) as tf.Tensor).max(-1)) as tf.Scalar;
});`,
    },
    {
      name: 'a variable list that leaves the model out',
      code: `${model(dropout)}const head = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [3] })] });
export const step = (x: tf.Tensor, y: tf.Tensor) =>
  optimizer.minimize(() => tf.losses.meanSquaredError(y, head.apply(model.predict(x), { training: true }) as tf.Tensor) as tf.Scalar, false, head.getWeights().map((w) => w as tf.Variable));`,
    },
    {
      name: 'a gradient with respect to the input (a saliency map)',
      code: `${model(dropout)}export const saliency = tf.grad((x: tf.Tensor) => (model.predict(x) as tf.Tensor).max());`,
    },
    {
      name: 'a variable list the analysis cannot read',
      code: `${model(dropout)}export const step = (x: tf.Tensor, y: tf.Tensor, vars: tf.Variable[]) => optimizer.minimize(() => tf.losses.softmaxCrossEntropy(y, model.predict(x) as tf.Tensor) as tf.Scalar, false, vars);`,
    },
  ],
  invalid: [
    {
      name: 'the model\'s own weights listed',
      code: `${model(dropout)}export const step = (x: tf.Tensor, y: tf.Tensor) => optimizer.minimize(() => tf.losses.softmaxCrossEntropy(y, model.predict(x) as tf.Tensor) as tf.Scalar, false, model.trainableWeights.map((w) => w.read() as tf.Variable));`,
      errors: [{ messageId: 'predictInLoss', text: 'model.predict(x)' }],
    },
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
