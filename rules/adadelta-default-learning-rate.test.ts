import rule from './adadelta-default-learning-rate';
import { RuleTester } from './core/rule-tester';

const model = (optimizer: string): string => `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [3] }));
model.compile({ optimizer: ${optimizer}, loss: 'meanSquaredError' });`;

new RuleTester().run(rule, {
  valid: [
    { name: 'the string uses 1.0', code: model("'adadelta'") },
    { name: 'an explicit rate', code: model('tf.train.adadelta(1.0)') },
    { name: 'other optimizers', code: model('tf.train.adam()') },
  ],
  invalid: [
    {
      name: 'no arguments',
      code: model('tf.train.adadelta()'),
      errors: [{ messageId: 'defaultRate', text: 'tf.train.adadelta()', severity: 'warning', suggestions: [{ messageId: 'useOne', output: model('tf.train.adadelta(1.0)') }] }],
    },
  ],
});
