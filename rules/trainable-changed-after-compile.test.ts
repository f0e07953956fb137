import { RuleTester } from './core/rule-tester';
import rule from './trainable-changed-after-compile';

const header = `import * as tf from '@tensorflow/tfjs';
const base = tf.layers.dense({ units: 8, inputShape: [4], activation: 'relu' });
const model = tf.sequential({ layers: [base, tf.layers.dense({ units: 1 })] });
`;

const frozenBase = `import * as tf from '@tensorflow/tfjs';
const base = tf.layers.dense({ units: 8, inputShape: [4], activation: 'relu', trainable: false });
const model = tf.sequential({ layers: [base, tf.layers.dense({ units: 1 })] });
`;

const fit = "model.fit(tf.ones([2, 4]), tf.ones([2, 1]), { epochs: 5 });";
const compile = "model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });";

new RuleTester().run(rule, {
  valid: [
    { name: 'frozen before compile', code: `${header}base.trainable = false;\n${compile}\n${fit}` },
    { name: 'unfrozen and compiled again', code: `${frozenBase}${compile}\n${fit}\nbase.trainable = true;\n${compile}\n${fit}` },
    // tfjs drops a variable whose flag is false from every training step, so freezing takes effect at once.
    { name: 'frozen after compile', code: `${header}${compile}\nbase.trainable = false;\n${fit}` },
    { name: 'set to trainable when it already was at compile', code: `${header}${compile}\nbase.trainable = true;\n${fit}` },
    { name: 'unfrozen after compile but never trained again', code: `${frozenBase}${compile}\n${fit}\nbase.trainable = true;` },
    {
      name: 'unfrozen on some paths only',
      code: `${frozenBase}${compile}\nexport function tune(deep: boolean) {\n  if (deep) base.trainable = true;\n  ${fit}\n}`,
    },
  ],
  invalid: [
    {
      name: 'unfrozen for fine-tuning without compiling again',
      code: `${frozenBase}${compile}\n${fit}\nbase.trainable = true;\n${fit}`,
      errors: [{ messageId: 'stale', text: 'base.trainable = true', severity: 'warning' }],
    },
    {
      name: 'a model compiled while frozen, then unfrozen',
      code: `${header}model.trainable = false;\n${compile}\nmodel.trainable = true;\n${fit}`,
      errors: [{ messageId: 'staleNothingToTrain', text: 'model.trainable = true', severity: 'error' }],
    },
  ],
});
