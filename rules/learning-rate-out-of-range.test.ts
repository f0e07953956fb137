import { RuleTester } from './core/rule-tester';
import rule from './learning-rate-out-of-range';

const model = (optimizer: string): string => `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [3] }));
model.compile({ optimizer: ${optimizer}, loss: 'meanSquaredError' });`;

new RuleTester().run(rule, {
  valid: [
    { name: 'adam at its usual rate', code: model('tf.train.adam(0.001)') },
    { name: 'adam at 0.01, common in the tfjs examples', code: model('tf.train.adam(0.01)') },
    { name: 'sgd at 0.5', code: model('tf.train.sgd(0.5)') },
    { name: 'default rates', code: model("'adam'") + "\nexport const other = tf.train.adam();" },
    { name: 'rate from a parameter', code: "import * as tf from '@tensorflow/tfjs';\nexport const make = (rate: number) => tf.train.rmsprop(rate);" },
    { name: 'adadelta at 1.0', code: model('tf.train.adadelta(1.0)') },
  ],
  invalid: [
    {
      name: 'adam at 0.05',
      code: model('tf.train.adam(0.05)'),
      errors: [{ messageId: 'tooHighAdaptive', text: '0.05', severity: 'warning', suggestions: [{ messageId: 'useTypical', output: model('tf.train.adam(0.001)') }] }],
    },
    {
      name: 'rmsprop at 0.1',
      code: model('tf.train.rmsprop(0.1)'),
      errors: [{ messageId: 'farTooHigh', severity: 'error', suggestions: [{ messageId: 'useTypical', output: model('tf.train.rmsprop(0.001)') }] }],
    },
    {
      name: 'sgd at 5',
      code: model('tf.train.sgd(5)'),
      errors: [{ messageId: 'tooHighSgd', severity: 'error', suggestions: [{ messageId: 'useTypical', output: model('tf.train.sgd(0.01)') }] }],
    },
    {
      name: 'a tiny rate in a custom loop, through a constant',
      code: "import * as tf from '@tensorflow/tfjs';\nconst LEARNING_RATE = 1e-8;\nexport const optimizer = tf.train.adam(LEARNING_RATE);",
      errors: [{ messageId: 'tooLow', text: 'LEARNING_RATE', severity: 'warning', suggestions: [] }],
    },
    {
      name: 'zero',
      code: model('tf.train.sgd(0)'),
      errors: [{ messageId: 'notPositive', severity: 'error', suggestions: [{ messageId: 'useTypical', output: model('tf.train.sgd(0.01)') }] }],
    },
    {
      // Unscaled house sizes: plain gradient descent diverges above about 2.6e-7, so 0.01 is no repair.
      name: 'a tiny rate the known inputs need: no usual rate offered',
      code: `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [1] }));
model.compile({ optimizer: tf.train.sgd(1e-9), loss: 'meanSquaredError' });
model.fit(tf.tensor2d([[2104], [1600], [2400], [1416]]), tf.tensor2d([[400], [330], [369], [232]]));`,
      errors: [{ messageId: 'tooLow', text: '1e-9', suggestions: [] }],
    },
  ],
});
