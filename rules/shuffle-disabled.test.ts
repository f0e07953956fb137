import { RuleTester } from './core/rule-tester';
import rule from './shuffle-disabled';

const header = `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [3] }));
model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
`;

new RuleTester().run(rule, {
  valid: [
    { name: 'shuffling on', code: `${header}export const go = (x: tf.Tensor, y: tf.Tensor) => model.fit(x, y, { epochs: 5, shuffle: true });` },
    { name: 'default', code: `${header}export const go = (x: tf.Tensor, y: tf.Tensor) => model.fit(x, y, { epochs: 5 });` },
  ],
  invalid: [
    {
      name: 'shuffle: false',
      code: `${header}export const go = (x: tf.Tensor, y: tf.Tensor) => model.fit(x, y, { epochs: 5, shuffle: false });`,
      errors: [{ messageId: 'noShuffle', text: 'shuffle: false', severity: 'info', suggestions: [{ messageId: 'removeShuffle', output: `${header}export const go = (x: tf.Tensor, y: tf.Tensor) => model.fit(x, y, { epochs: 5 });` }] }],
    },
  ],
});
