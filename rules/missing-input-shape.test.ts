import { RuleTester } from './core/rule-tester';
import rule from './missing-input-shape';

const header = "import * as tf from '@tensorflow/tfjs';\n";

new RuleTester().run(rule, {
  valid: [
    { name: 'inputShape', code: `${header}const model = tf.sequential();\nmodel.add(tf.layers.dense({ units: 4, inputShape: [3] }));` },
    { name: 'batchInputShape', code: `${header}const model = tf.sequential();\nmodel.add(tf.layers.conv2d({ filters: 4, kernelSize: 3, batchInputShape: [null, 28, 28, 1] }));` },
    { name: 'inputDim on dense', code: `${header}const model = tf.sequential();\nmodel.add(tf.layers.dense({ units: 4, inputDim: 3 }));` },
    { name: 'an embedding needs none', code: `${header}const model = tf.sequential();\nmodel.add(tf.layers.embedding({ inputDim: 1000, outputDim: 16 }));` },
    { name: 'an input layer first', code: `${header}const model = tf.sequential();\nmodel.add(tf.layers.inputLayer({ inputShape: [3] }));\nmodel.add(tf.layers.dense({ units: 2 }));` },
    { name: 'config not known', code: `${header}export function build(config: any) {\n  const model = tf.sequential();\n  model.add(tf.layers.dense(config));\n}` },
    { name: 'later layers need no shape', code: `${header}const model = tf.sequential({ layers: [tf.layers.dense({ units: 4, inputShape: [3] }), tf.layers.dense({ units: 1 })] });` },
  ],
  invalid: [
    {
      name: 'no shape on the first layer',
      code: `${header}const model = tf.sequential();\nmodel.add(tf.layers.dense({ units: 16, activation: 'relu' }));\nmodel.add(tf.layers.dense({ units: 1 }));`,
      errors: [{ messageId: 'noInputShape', line: 3, text: "tf.layers.dense({ units: 16, activation: 'relu' })", severity: 'error' }],
    },
    {
      name: 'a recurrent layer with inputDim',
      code: `${header}const model = tf.sequential({ layers: [tf.layers.lstm({ units: 8, inputDim: 3 })] });`,
      errors: [{ messageId: 'noInputShape' }],
    },
  ],
});
