import { RuleTester } from './core/rule-tester';
import rule from './loss-units-mismatch';

const model = (output: string, loss: string): string => `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.dense({ units: 8, inputShape: [4], activation: 'relu' }));
model.add(${output});
model.compile({ optimizer: 'adam', loss: ${loss} });`;

new RuleTester().run(rule, {
  valid: [
    { name: 'several units', code: model("tf.layers.dense({ units: 3, activation: 'softmax' })", "'categoricalCrossentropy'") },
    { name: 'binary on one unit', code: model("tf.layers.dense({ units: 1, activation: 'sigmoid' })", "'binaryCrossentropy'") },
    { name: 'units unknown', code: `export function build(n: number) {\n${model("tf.layers.dense({ units: n, activation: 'softmax' })", "'categoricalCrossentropy'")}\n}` },
  ],
  invalid: [
    {
      name: 'one unit with categoricalCrossentropy',
      code: model("tf.layers.dense({ units: 1, activation: 'softmax' })", "'categoricalCrossentropy'"),
      errors: [
        {
          messageId: 'singleUnit',
          line: 4,
          text: '1',
          severity: 'error',
          suggestions: [{ messageId: 'useBinary', output: model("tf.layers.dense({ units: 1, activation: 'sigmoid' })", "'binaryCrossentropy'") }],
        },
      ],
      output: null,
    },
    {
      name: 'one unit with the sparse loss and no activation',
      code: model('tf.layers.dense({ units: 1 })', "'sparseCategoricalCrossentropy'"),
      errors: [
        {
          messageId: 'singleUnit',
          suggestions: [{ messageId: 'useBinary', output: model("tf.layers.dense({ units: 1, activation: 'sigmoid' })", "'binaryCrossentropy'") }],
        },
      ],
    },
  ],
});
