import { RuleTester } from './core/rule-tester';
import rule from './missing-flatten';

const sequential = (...layers: string[]): string => `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
${layers.map((layer) => `model.add(${layer});`).join('\n')}
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });`;

const CONV = "tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 8, kernelSize: 3, activation: 'relu' })";
const POOL = 'tf.layers.maxPooling2d({ poolSize: 2 })';

new RuleTester().run(rule, {
  valid: [
    { name: 'flattened', code: sequential(CONV, POOL, 'tf.layers.flatten()', "tf.layers.dense({ units: 10, activation: 'softmax' })") },
    { name: 'global pooling', code: sequential(CONV, 'tf.layers.globalAveragePooling2d({})', "tf.layers.dense({ units: 10, activation: 'softmax' })") },
    { name: 'sequence outputs are per step on purpose', code: sequential('tf.layers.lstm({ inputShape: [5, 3], units: 8, returnSequences: true })', "tf.layers.dense({ units: 4, activation: 'softmax' })") },
  ],
  invalid: [
    {
      name: 'dense right after pooling',
      code: sequential(CONV, POOL, "tf.layers.dense({ units: 10, activation: 'softmax' })"),
      errors: [
        {
          messageId: 'gridOutput',
          line: 5,
          severity: 'error',
          suggestions: [{ messageId: 'addFlatten', output: sequential(CONV, POOL, 'tf.layers.flatten()', "tf.layers.dense({ units: 10, activation: 'softmax' })") }],
        },
      ],
    },
    {
      name: 'in a layers array',
      code: `import * as tf from '@tensorflow/tfjs';\nconst model = tf.sequential({ layers: [${CONV}, tf.layers.dense({ units: 10, activation: 'softmax' })] });\nmodel.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });`,
      errors: [
        {
          messageId: 'gridOutput',
          suggestions: [{ messageId: 'addFlatten', output: `import * as tf from '@tensorflow/tfjs';\nconst model = tf.sequential({ layers: [${CONV}, tf.layers.flatten(), tf.layers.dense({ units: 10, activation: 'softmax' })] });\nmodel.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });` }],
        },
      ],
    },
  ],
});
