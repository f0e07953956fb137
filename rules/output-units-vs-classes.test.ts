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
  ],
  invalid: [
    { name: 'fewer units than classes', code: model(2, 3), errors: [{ messageId: 'oneHotDepth', text: '3', severity: 'error' }] },
    { name: 'more units than classes', code: model(10, 5), errors: [{ messageId: 'oneHotDepth' }] },
  ],
});
