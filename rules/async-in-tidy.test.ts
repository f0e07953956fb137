import rule from './async-in-tidy';
import { RuleTester } from './core/rule-tester';

const header = "import * as tf from '@tensorflow/tfjs';\n";

new RuleTester().run(rule, {
  valid: [{ name: 'synchronous body', code: `${header}export const mean = (x: tf.Tensor) => tf.tidy(() => x.mean());` }],
  invalid: [
    {
      name: 'async body',
      code: `${header}export const read = (x: tf.Tensor) => tf.tidy(async () => (await x.mean().data())[0]);`,
      errors: [{ messageId: 'asyncTidy', text: 'tf.tidy(async () => (await x.mean().data())[0])', severity: 'warning' }],
    },
  ],
});
