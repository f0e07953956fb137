import { RuleTester } from './core/rule-tester';
import rule from './regularization-too-strong';

const layer = (regularizer: string): string => `import * as tf from '@tensorflow/tfjs';\nexport const hidden = tf.layers.dense({ units: 32, activation: 'relu', kernelRegularizer: ${regularizer} });`;

new RuleTester().run(rule, {
  valid: [
    { name: 'usual L2', code: layer('tf.regularizers.l2({ l2: 0.001 })') },
    { name: 'usual L1', code: layer('tf.regularizers.l1({ l1: 1e-4 })') },
    { name: 'string default', code: layer("'l1l2'") },
    {
      // tfjs adds the penalties to the loss only in fit; a custom loop that ignores model.losses never feels them.
      name: 'a model trained only by custom gradient code',
      code: `${layer('tf.regularizers.l2({ l2: 0.5 })')}\nconst model = tf.sequential({ layers: [tf.layers.dense({ units: 4, inputShape: [3] }), hidden] });\nconst optimizer = tf.train.sgd(0.1);\nexport const step = (x: tf.Tensor, y: tf.Tensor) => optimizer.minimize(() => tf.losses.meanSquaredError(y, model.apply(x) as tf.Tensor) as tf.Scalar);`,
    },
  ],
  invalid: [
    { name: 'strong L2', code: layer('tf.regularizers.l2({ l2: 0.5 })'), errors: [{ messageId: 'strong', text: '0.5', severity: 'warning' }] },
    {
      name: 'the same model fitted as well',
      code: `${layer('tf.regularizers.l2({ l2: 0.5 })')}\nconst model = tf.sequential({ layers: [tf.layers.dense({ units: 4, inputShape: [3] }), hidden] });\nmodel.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });\nexport const train = (x: tf.Tensor, y: tf.Tensor) => model.fit(x, y);\nconst optimizer = tf.train.sgd(0.1);\nexport const step = (x: tf.Tensor, y: tf.Tensor) => optimizer.minimize(() => tf.losses.meanSquaredError(y, model.apply(x) as tf.Tensor) as tf.Scalar);`,
      errors: [{ messageId: 'strong', text: '0.5' }],
    },
    { name: 'strong L1 in l1l2', code: layer('tf.regularizers.l1l2({ l1: 0.05, l2: 0.01 })'), errors: [{ messageId: 'strong', text: '0.05' }] },
  ],
});
