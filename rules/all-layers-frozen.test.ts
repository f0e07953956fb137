import rule from './all-layers-frozen';
import { RuleTester } from './core/rule-tester';

const header = "import * as tf from '@tensorflow/tfjs';\n";

new RuleTester().run(rule, {
  valid: [
    { name: 'one layer frozen', code: `${header}const model = tf.sequential({ layers: [tf.layers.dense({ units: 8, inputShape: [4], trainable: false }), tf.layers.dense({ units: 1 })] });\nmodel.compile({ optimizer: 'adam', loss: 'meanSquaredError' });\nmodel.fit(tf.ones([2, 4]), tf.ones([2, 1]), { epochs: 5 });` },
    { name: 'frozen for inference only', code: `${header}const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [4] })] });\nmodel.trainable = false;\nexport const predict = (x: tf.Tensor) => model.predict(x);` },
  ],
  invalid: [
    {
      name: 'model frozen then trained',
      code: `${header}const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [4] })] });\nmodel.compile({ optimizer: 'adam', loss: 'meanSquaredError' });\nmodel.trainable = false;\nmodel.fit(tf.ones([2, 4]), tf.ones([2, 1]), { epochs: 5 });`,
      errors: [{ messageId: 'frozenModel', text: 'model.trainable = false', severity: 'error' }],
    },
    {
      name: 'every layer frozen',
      code: `${header}const model = tf.sequential({ layers: [tf.layers.dense({ units: 8, inputShape: [4], trainable: false }), tf.layers.dense({ units: 1, trainable: false })] });\nmodel.compile({ optimizer: 'adam', loss: 'meanSquaredError' });\nmodel.fit(tf.ones([2, 4]), tf.ones([2, 1]), { epochs: 5 });`,
      errors: [{ messageId: 'frozenLayers', line: 2 }],
    },
  ],
});
