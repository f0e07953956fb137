import { RuleTester } from './core/rule-tester';
import rule from './softmax-with-binary-crossentropy';

const header = "import * as tf from '@tensorflow/tfjs';\n";

new RuleTester().run(rule, {
  valid: [
    {
      name: 'sigmoid with binaryCrossentropy',
      code: `${header}const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [4], activation: 'sigmoid' }));
model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });`,
    },
    {
      name: 'softmax with categoricalCrossentropy',
      code: `${header}const model = tf.sequential();
model.add(tf.layers.dense({ units: 3, inputShape: [4], activation: 'softmax' }));
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });`,
    },
    {
      name: 'softmax in a hidden layer only',
      code: `${header}const model = tf.sequential();
model.add(tf.layers.dense({ units: 8, inputShape: [4], activation: 'softmax' }));
model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });`,
    },
    {
      name: 'the activation is a parameter nobody passes',
      code: `${header}export function build(activation: string) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 1, inputShape: [4], activation }));
  model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
  return model;
}`,
    },
    {
      name: 'the loss depends on a condition',
      code: `${header}export function build(binary: boolean) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 2, inputShape: [4], activation: 'softmax' }));
  model.compile({ optimizer: 'adam', loss: binary ? 'binaryCrossentropy' : 'categoricalCrossentropy' });
}`,
    },
    {
      name: 'the last layer is added only on some paths',
      code: `${header}export function build(extra: boolean) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 1, inputShape: [4], activation: 'softmax' }));
  if (extra) model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
  model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
}`,
    },
    {
      name: 'the layers come from a helper outside the project',
      code: `${header}import { headLayers } from 'some-package';
const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [4], activation: 'softmax' }), ...headLayers()] });
model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });`,
    },
  ],
  invalid: [
    {
      name: 'one softmax unit',
      code: `${header}const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [4], activation: 'softmax' }));
model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });`,
      errors: [{ messageId: 'singleUnit', line: 3, column: 68, endColumn: 77, severity: 'error' }],
      fixMessageId: 'useSigmoid',
      output: `${header}const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [4], activation: 'sigmoid' }));
model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });`,
    },
    {
      name: 'several softmax units',
      code: `${header}const model = tf.sequential();
model.add(tf.layers.dense({ units: 3, inputShape: [4], activation: 'softmax' }));
model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });`,
      errors: [
        {
          messageId: 'multiUnit',
          text: "'softmax'",
          severity: 'warning',
          suggestions: [
            {
              messageId: 'useCategorical',
              output: `${header}const model = tf.sequential();
model.add(tf.layers.dense({ units: 3, inputShape: [4], activation: 'softmax' }));
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });`,
            },
            {
              messageId: 'useSigmoid',
              output: `${header}const model = tf.sequential();
model.add(tf.layers.dense({ units: 3, inputShape: [4], activation: 'sigmoid' }));
model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'a separate softmax layer, constants folded',
      code: `${header}const CLASSES = 1;
const model = tf.sequential({
  layers: [
    tf.layers.dense({ units: 16, inputShape: [4], activation: 'relu' }),
    tf.layers.dense({ units: CLASSES }),
    tf.layers.softmax(),
  ],
});
model.compile({ optimizer: tf.train.adam(0.001), loss: 'binaryCrossentropy', metrics: ['accuracy'] });`,
      errors: [{ messageId: 'singleUnit', text: 'tf.layers.softmax()', severity: 'error' }],
      output: `${header}const CLASSES = 1;
const model = tf.sequential({
  layers: [
    tf.layers.dense({ units: 16, inputShape: [4], activation: 'relu' }),
    tf.layers.dense({ units: CLASSES }),
    tf.layers.activation({ activation: 'sigmoid' }),
  ],
});
model.compile({ optimizer: tf.train.adam(0.001), loss: 'binaryCrossentropy', metrics: ['accuracy'] });`,
    },
    {
      name: 'an activation layer with double quotes',
      code: `${header}const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [4] }));
model.add(tf.layers.activation({ activation: "softmax" }));
model.compile({ optimizer: "sgd", loss: "binaryCrossentropy" });`,
      errors: [{ messageId: 'singleUnit', text: '"softmax"' }],
      output: `${header}const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [4] }));
model.add(tf.layers.activation({ activation: "sigmoid" }));
model.compile({ optimizer: "sgd", loss: "binaryCrossentropy" });`,
    },
    {
      name: 'functional model',
      code: `${header}const input = tf.input({ shape: [10] });
const hidden = tf.layers.dense({ units: 8, activation: 'relu' }).apply(input);
const output = tf.layers.dense({ units: 1, activation: 'softmax' }).apply(hidden);
const model = tf.model({ inputs: input, outputs: output });
model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });`,
      errors: [{ messageId: 'singleUnit', line: 4, text: "'softmax'" }],
      output: `${header}const input = tf.input({ shape: [10] });
const hidden = tf.layers.dense({ units: 8, activation: 'relu' }).apply(input);
const output = tf.layers.dense({ units: 1, activation: 'sigmoid' }).apply(hidden);
const model = tf.model({ inputs: input, outputs: output });
model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });`,
    },
    {
      name: 'model built in another file and compiled here',
      filename: 'train.js',
      code: `const { createModel } = require('./model');
async function train(model, xs, ys) {
  model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
  await model.fit(xs, ys, { epochs: 10 });
}
train(createModel(1));`,
      files: {
        'model.js': `const tf = require('@tensorflow/tfjs-node');
function createModel(outputs) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 32, inputShape: [8], activation: 'relu' }));
  model.add(tf.layers.dense({ units: outputs, activation: 'softmax' }));
  return model;
}
module.exports = { createModel };`,
      },
      errors: [{ messageId: 'singleUnit', file: 'model.js', line: 5, text: "'softmax'", severity: 'error' }],
      output: {
        'model.js': `const tf = require('@tensorflow/tfjs-node');
function createModel(outputs) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 32, inputShape: [8], activation: 'relu' }));
  model.add(tf.layers.dense({ units: outputs, activation: 'sigmoid' }));
  return model;
}
module.exports = { createModel };`,
      },
    },
    {
      name: 'unknown number of units',
      code: `${header}export function build(units: number) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units, inputShape: [4], activation: 'softmax' }));
  model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
  return model;
}`,
      errors: [
        {
          messageId: 'unknownUnits',
          severity: 'warning',
          suggestions: [
            {
              messageId: 'useSigmoid',
              output: `${header}export function build(units: number) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units, inputShape: [4], activation: 'sigmoid' }));
  model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
  return model;
}`,
            },
          ],
        },
      ],
      output: null,
    },
  ],
});
