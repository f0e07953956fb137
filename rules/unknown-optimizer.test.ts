import { RuleTester } from './core/rule-tester';
import rule from './unknown-optimizer';

const model = (optimizer: string): string => `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [4] }));
model.compile({ optimizer: ${optimizer}, loss: 'meanSquaredError' });`;

new RuleTester().run(rule, {
  valid: [
    { name: 'lower case', code: model("'rmsprop'") },
    { name: 'class name', code: model("'Adam'") },
    { name: 'an optimizer object', code: model('tf.train.momentum(0.01, 0.9)') },
  ],
  invalid: [
    {
      name: 'upper case',
      code: model("'ADAM'"),
      errors: [{ messageId: 'unknownOptimizerWithReplacement', text: "'ADAM'", severity: 'error' }],
      output: model("'adam'"),
      fixMessageId: 'useName',
    },
    {
      name: 'mixed case',
      code: model("'RmsProp'"),
      errors: [{ messageId: 'unknownOptimizerWithReplacement' }],
      output: model("'rmsprop'"),
    },
    { name: 'only a factory', code: model("'momentum'"), errors: [{ messageId: 'noString' }], output: null },
    { name: 'not in tfjs', code: model("'nadam'"), errors: [{ messageId: 'unknownOptimizer' }], output: null },
  ],
});
