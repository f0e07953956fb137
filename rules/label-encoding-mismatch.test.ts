import { RuleTester } from './core/rule-tester';
import rule from './label-encoding-mismatch';

const model = (loss: string, labels: string): string => `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.dense({ units: 3, inputShape: [4], activation: 'softmax' }));
model.compile({ optimizer: 'adam', loss: '${loss}' });
export const train = (xs: tf.Tensor, ids: number[]) => model.fit(xs, ${labels}, { epochs: 10 });`;

new RuleTester().run(rule, {
  valid: [
    { name: 'one-hot with categorical', code: model('categoricalCrossentropy', "tf.oneHot(tf.tensor1d(ids, 'int32'), 3)") },
    { name: 'indices with sparse', code: model('sparseCategoricalCrossentropy', "tf.tensor1d(ids, 'int32')") },
    { name: 'labels not known', code: model('categoricalCrossentropy', 'tf.tensor2d(ids, [ids.length, 3])') },
  ],
  invalid: [
    {
      name: 'one-hot with the sparse loss',
      code: model('sparseCategoricalCrossentropy', "tf.oneHot(tf.tensor1d(ids, 'int32'), 3)"),
      errors: [{ messageId: 'oneHotWithSparse', text: "'sparseCategoricalCrossentropy'", severity: 'error' }],
      output: model('categoricalCrossentropy', "tf.oneHot(tf.tensor1d(ids, 'int32'), 3)"),
      fixMessageId: 'useCategorical',
    },
    {
      name: 'indices with the categorical loss',
      code: model('categoricalCrossentropy', "tf.tensor1d(ids, 'int32')"),
      errors: [{ messageId: 'integersWithCategorical' }],
      output: model('sparseCategoricalCrossentropy', "tf.tensor1d(ids, 'int32')"),
      fixMessageId: 'useSparse',
    },
    {
      name: 'literal class indices',
      code: model('categoricalCrossentropy', 'tf.tensor1d([0, 2, 1, 2])'),
      errors: [{ messageId: 'integersWithCategorical' }],
      output: model('sparseCategoricalCrossentropy', 'tf.tensor1d([0, 2, 1, 2])'),
    },
  ],
});
