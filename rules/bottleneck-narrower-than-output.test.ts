import rule from './bottleneck-narrower-than-output';
import { RuleTester } from './core/rule-tester';

const model = (hidden: number, classes: number): string => `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.dense({ units: ${hidden}, inputShape: [784], activation: 'relu' }));
model.add(tf.layers.dense({ units: ${classes}, activation: 'softmax' }));`;

new RuleTester().run(rule, {
  valid: [
    { name: 'wide enough', code: model(64, 10) },
    { name: 'binary output', code: model(1, 2) },
  ],
  invalid: [{ name: 'four units for ten classes', code: model(4, 10), errors: [{ messageId: 'narrow', text: '4', severity: 'info' }] }],
});
