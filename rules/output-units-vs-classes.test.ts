import { RuleTester } from './core/rule-tester';
import rule from './output-units-vs-classes';

const model = (units: number, depth: number): string => `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.dense({ units: ${units}, inputShape: [4], activation: 'softmax' }));
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
export const train = (xs: tf.Tensor, ids: number[]) => model.fit(xs, tf.oneHot(tf.tensor1d(ids, 'int32'), ${depth}), { epochs: 10 });`;

new RuleTester().run(rule, {
  valid: [
    { name: 'matching', code: model(3, 3) },
    { name: 'depth unknown', code: model(3, 3).replace('), 3)', '), ids.length)') },
    { name: 'literal one-hot labels matching the units', code: `${model(3, 3).split('export const')[0]}model.fit(tf.ones([3, 4]), tf.tensor2d([[1, 0, 0], [0, 1, 0], [0, 0, 1]]));` },
    {
      name: 'class ids in one column for sparse cross-entropy',
      code: `${model(3, 3).split('export const')[0].replace('categoricalCrossentropy', 'sparseCategoricalCrossentropy')}model.fit(tf.ones([3, 4]), tf.tensor2d([[0], [1], [2]]));`,
    },
  ],
  invalid: [
    {
      name: 'literal one-hot labels with more columns than units',
      code: `${model(2, 2).split('export const')[0]}model.fit(tf.ones([3, 4]), tf.tensor2d([[1, 0, 0], [0, 1, 0], [0, 0, 1]]));`,
      errors: [{ messageId: 'labelColumns', text: 'tf.tensor2d([[1, 0, 0], [0, 1, 0], [0, 0, 1]])', message: /^The output has 2 units, but the labels have 3 columns\./ }],
    },
    { name: 'fewer units than classes', code: model(2, 3), errors: [{ messageId: 'oneHotDepth', text: '3', severity: 'error' }] },
    { name: 'more units than classes', code: model(10, 5), errors: [{ messageId: 'oneHotDepth' }] },
  ],
});
