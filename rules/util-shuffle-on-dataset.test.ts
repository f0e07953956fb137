import { RuleTester } from './core/rule-tester';
import rule from './util-shuffle-on-dataset';

const header = `import * as tf from '@tensorflow/tfjs';
const samples = [{ xs: [0, 1], ys: [0] }, { xs: [1, 1], ys: [1] }];
`;

new RuleTester().run(rule, {
  valid: [
    { name: 'shuffling the array before making the dataset', code: `${header}tf.util.shuffle(samples);\nexport const dataset = tf.data.array(samples);` },
    { name: 'the dataset\'s own shuffle', code: `${header}export const dataset = tf.data.array(samples).shuffle(100);` },
    { name: 'an argument the analysis cannot see', code: `${header}export const mix = (items: number[]) => tf.util.shuffle(items);` },
  ],
  invalid: [
    {
      name: 'a dataset made from an array',
      code: `${header}const dataset = tf.data.array(samples);\ntf.util.shuffle(dataset);\nexport const batches = dataset.batch(2);`,
      errors: [{ messageId: 'noEffect', text: 'tf.util.shuffle(dataset)', severity: 'warning' }],
    },
    {
      name: 'a mapped dataset given to shuffleCombo',
      code: `${header}const xs = tf.data.array(samples).map((sample) => sample.xs);\nconst ys = tf.data.array(samples).map((sample) => sample.ys);\ntf.util.shuffleCombo(xs, ys);`,
      errors: [{ messageId: 'noEffect', text: 'tf.util.shuffleCombo(xs, ys)' }],
    },
  ],
});
