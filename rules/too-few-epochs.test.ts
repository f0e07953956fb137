import { RuleTester } from './core/rule-tester';
import rule from './too-few-epochs';

const header = `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [3] }));
model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
`;

new RuleTester().run(rule, {
  valid: [
    { name: 'epochs given', code: `${header}export const go = (x: tf.Tensor, y: tf.Tensor) => model.fit(x, y, { epochs: 20 });` },
    { name: 'one epoch on purpose', code: `${header}export const go = (x: tf.Tensor, y: tf.Tensor) => model.fit(x, y, { epochs: 1 });` },
    {
      name: 'an online update on one transition (a reinforcement-learning step)',
      code: `${header}export async function learn(state: number[], target: number[]) {\n  await model.fit(tf.tensor2d([state]), tf.tensor2d([target]));\n}`,
    },
    { name: 'options not known', code: `${header}export const go = (x: tf.Tensor, y: tf.Tensor, options: any) => model.fit(x, y, options);` },
    {
      name: 'one epoch per call inside a loop',
      code: `${header}export async function train(x: tf.Tensor, y: tf.Tensor) {\n  for (let i = 0; i < 100; i++) {\n    await model.fit(x, y, { batchSize: 32 });\n  }\n}`,
    },
    { name: 'trainOnBatch is one step by design', code: `${header}export const step = (x: tf.Tensor, y: tf.Tensor) => model.trainOnBatch(x, y);` },
  ],
  invalid: [
    {
      name: 'two samples are a dataset, however small',
      code: `${header}export async function learn(a: number[], b: number[], y: number[][]) {\n  await model.fit(tf.tensor2d([a, b]), tf.tensor2d(y));\n}`,
      errors: [
        {
          messageId: 'oneEpoch',
          text: 'model.fit(tf.tensor2d([a, b]), tf.tensor2d(y))',
          suggestions: [{ messageId: 'addEpochs', output: `${header}export async function learn(a: number[], b: number[], y: number[][]) {\n  await model.fit(tf.tensor2d([a, b]), tf.tensor2d(y), { epochs: 10 });\n}` }],
        },
      ],
    },
    {
      name: 'no options at all',
      code: `${header}export const go = (x: tf.Tensor, y: tf.Tensor) => model.fit(x, y);`,
      errors: [{ messageId: 'oneEpoch', text: 'model.fit(x, y)', severity: 'warning', suggestions: [{ messageId: 'addEpochs', output: `${header}export const go = (x: tf.Tensor, y: tf.Tensor) => model.fit(x, y, { epochs: 10 });` }] }],
    },
    {
      name: 'options without epochs',
      code: `${header}export const go = (x: tf.Tensor, y: tf.Tensor) => model.fit(x, y, { batchSize: 32, shuffle: true });`,
      errors: [{ messageId: 'oneEpoch', suggestions: [{ messageId: 'addEpochs', output: `${header}export const go = (x: tf.Tensor, y: tf.Tensor) => model.fit(x, y, { batchSize: 32, shuffle: true, epochs: 10 });` }] }],
    },
    {
      name: 'fitDataset',
      code: `${header}export const go = (data: tf.data.Dataset<any>) => model.fitDataset(data, { validationData: data });`,
      errors: [
        {
          messageId: 'oneEpoch',
          suggestions: [{ messageId: 'addEpochs', output: `${header}export const go = (data: tf.data.Dataset<any>) => model.fitDataset(data, { validationData: data, epochs: 10 });` }],
        },
      ],
    },
  ],
});
