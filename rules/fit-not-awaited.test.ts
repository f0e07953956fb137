import { RuleTester } from './core/rule-tester';
import rule from './fit-not-awaited';

const header = `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [2] }));
model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
const xs = tf.ones([4, 2]);
const ys = tf.ones([4, 1]);
`;

new RuleTester().run(rule, {
  valid: [
    { name: 'awaited', code: `${header}export async function go() {\n  await model.fit(xs, ys, { epochs: 5 });\n  await model.fit(xs, ys, { epochs: 5 });\n}` },
    { name: 'chained', code: `${header}model.fit(xs, ys, { epochs: 5 }).then(() => model.fit(xs, ys, { epochs: 5 }));` },
    { name: 'a single call', code: `${header}model.fit(xs, ys, { epochs: 5 });` },
    { name: 'returned to the caller', code: `${header}export const go = () => model.fit(xs, ys, { epochs: 5 });` },
  ],
  invalid: [
    {
      name: 'two fits in a row',
      code: `${header}export function go() {\n  model.fit(xs, ys, { epochs: 5 });\n  model.fit(xs, ys, { epochs: 5 });\n}`,
      errors: [{ messageId: 'concurrent', line: 8, severity: 'error' }],
    },
    {
      name: 'in a loop',
      code: `${header}export function go() {\n  for (let round = 0; round < 3; round++) {\n    model.fit(xs, ys, { epochs: 1 });\n  }\n}`,
      errors: [{ messageId: 'concurrent', line: 9 }],
    },
  ],
});
