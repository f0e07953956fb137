import { RuleTester } from './core/rule-tester';
import rule from './trainable-changed-after-compile';

const header = `import * as tf from '@tensorflow/tfjs';
const base = tf.layers.dense({ units: 8, inputShape: [4], activation: 'relu' });
const model = tf.sequential({ layers: [base, tf.layers.dense({ units: 1 })] });
`;

new RuleTester().run(rule, {
  valid: [
    { name: 'frozen before compile', code: `${header}base.trainable = false;\nmodel.compile({ optimizer: 'adam', loss: 'meanSquaredError' });\nmodel.fit(tf.ones([2, 4]), tf.ones([2, 1]), { epochs: 5 });` },
    { name: 'compiled again', code: `${header}model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });\nbase.trainable = false;\nmodel.compile({ optimizer: 'adam', loss: 'meanSquaredError' });\nmodel.fit(tf.ones([2, 4]), tf.ones([2, 1]), { epochs: 5 });` },
  ],
  invalid: [
    {
      name: 'frozen after compile',
      code: `${header}model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });\nbase.trainable = false;\nmodel.fit(tf.ones([2, 4]), tf.ones([2, 1]), { epochs: 5 });`,
      errors: [{ messageId: 'stale', text: 'base.trainable = false', severity: 'warning' }],
    },
  ],
});
