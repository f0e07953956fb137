import { RuleTester } from './core/rule-tester';
import rule from './unknown-option';

const header = `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [3] }));
`;
const compiled = `${header}model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });\n`;

new RuleTester().run(rule, {
  valid: [
    { name: 'known fit options', code: `${compiled}export const go = (x: tf.Tensor, y: tf.Tensor) => model.fit(x, y, { epochs: 5, batchSize: 16, validationSplit: 0.1, shuffle: true, callbacks: {} });` },
    { name: 'known fitDataset options', code: `${compiled}export const go = (d: any) => model.fitDataset(d, { epochs: 5, batchesPerEpoch: 10 });` },
    { name: 'options spread from elsewhere', code: `${compiled}export const go = (x: tf.Tensor, y: tf.Tensor, extra: any) => model.fit(x, y, { epochs: 5, ...extra });` },
  ],
  invalid: [
    {
      name: 'snake case batch size',
      code: `${compiled}export const go = (x: tf.Tensor, y: tf.Tensor) => model.fit(x, y, { epochs: 5, batch_size: 64 });`,
      errors: [{ messageId: 'ignoredWithReplacement', text: 'batch_size', severity: 'warning' }],
      output: `${compiled}export const go = (x: tf.Tensor, y: tf.Tensor) => model.fit(x, y, { epochs: 5, batchSize: 64 });`,
      fixMessageId: 'rename',
    },
    {
      name: 'a shorthand property keeps its variable',
      code: `${compiled}const validation_split = 0.2;\nexport const go = (x: tf.Tensor, y: tf.Tensor) => model.fit(x, y, { epochs: 5, validation_split });`,
      errors: [{ messageId: 'ignoredWithReplacement' }],
      output: `${compiled}const validation_split = 0.2;\nexport const go = (x: tf.Tensor, y: tf.Tensor) => model.fit(x, y, { epochs: 5, validationSplit: validation_split });`,
    },
    {
      name: 'epoch instead of epochs',
      code: `${compiled}export const go = (x: tf.Tensor, y: tf.Tensor) => model.fit(x, y, { epoch: 50 });`,
      errors: [{ messageId: 'ignoredWithReplacement', text: 'epoch' }],
      output: `${compiled}export const go = (x: tf.Tensor, y: tf.Tensor) => model.fit(x, y, { epochs: 50 });`,
    },
    {
      name: 'a learning rate given to compile',
      code: `${header}model.compile({ optimizer: 'adam', loss: 'meanSquaredError', learningRate: 0.01 });`,
      errors: [{ messageId: 'optimizerOption', text: 'learningRate' }],
      output: null,
    },
    {
      name: 'an option with no counterpart',
      code: `${compiled}export const go = (x: tf.Tensor, y: tf.Tensor) => model.fit(x, y, { epochs: 5, earlyStopping: true });`,
      errors: [{ messageId: 'ignored', text: 'earlyStopping' }],
      output: null,
    },
  ],
});
