import rule from './accuracy-metric-on-regression';
import { RuleTester } from './core/rule-tester';

const model = (compile: string): string => `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [13] }));
model.compile(${compile});`;

new RuleTester().run(rule, {
  valid: [
    { name: 'error metrics', code: model("{ optimizer: 'sgd', loss: 'meanSquaredError', metrics: ['mse', 'mae'] }") },
    { name: 'classifier with accuracy', code: model("{ optimizer: 'sgd', loss: 'binaryCrossentropy', metrics: ['accuracy'] }") },
    {
      name: 'a sigmoid output trained with mean squared error is a classifier',
      code: `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [13], activation: 'sigmoid' }));
model.compile({ optimizer: 'sgd', loss: 'meanSquaredError', metrics: ['accuracy'] });`,
    },
  ],
  invalid: [
    {
      name: 'accuracy on a regression',
      code: model("{ optimizer: 'sgd', loss: 'meanSquaredError', metrics: ['accuracy'] }"),
      errors: [{ messageId: 'meaningless', text: "'accuracy'", severity: 'info', suggestions: [{ messageId: 'useMse', output: model("{ optimizer: 'sgd', loss: 'meanSquaredError', metrics: ['mse'] }") }] }],
    },
    {
      name: 'acc with tf.losses',
      code: model("{ optimizer: 'sgd', loss: tf.losses.absoluteDifference, metrics: 'acc' }"),
      errors: [{ messageId: 'meaningless', text: "'acc'", suggestions: [{ messageId: 'useMse', output: model("{ optimizer: 'sgd', loss: tf.losses.absoluteDifference, metrics: 'mse' }") }] }],
    },
  ],
});
