import { RuleTester } from './core/rule-tester';
import rule from './regression-loss-on-classifier';

const model = (output: string, loss: string, extra = ''): string => `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.dense({ units: 8, inputShape: [2], activation: 'tanh' }));
model.add(${output});
model.compile({ optimizer: 'sgd', loss: ${loss} });${extra}`;

const XOR = '\nconst xs = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]);\nmodel.fit(xs, tf.tensor2d([[0], [1], [1], [0]]));';

new RuleTester().run(rule, {
  valid: [
    { name: 'classifier with cross-entropy', code: model("tf.layers.dense({ units: 3, activation: 'softmax' })", "'categoricalCrossentropy'") },
    { name: 'regressor', code: model('tf.layers.dense({ units: 1 })', "'meanSquaredError'") },
    { name: 'sigmoid regression on unknown targets', code: model("tf.layers.dense({ units: 1, activation: 'sigmoid' })", "'meanSquaredError'") },
    {
      name: 'sigmoid regression tracking accuracy on targets known not to be classes',
      code: model("tf.layers.dense({ units: 1, activation: 'sigmoid' })", "'meanSquaredError', metrics: ['accuracy']", "\nmodel.fit(tf.zeros([4, 2]), tf.tensor2d([[0.2], [0.5], [0.7], [0.9]]));"),
    },
    { name: 'sigmoid regression tracking the error', code: model("tf.layers.dense({ units: 1, activation: 'sigmoid' })", "'meanSquaredError', metrics: ['mse']") },
  ],
  invalid: [
    {
      name: 'softmax classifier with meanSquaredError',
      code: model("tf.layers.dense({ units: 3, activation: 'softmax' })", "'meanSquaredError'"),
      errors: [
        {
          messageId: 'softmaxClassifier',
          line: 5,
          text: "'meanSquaredError'",
          severity: 'warning',
          suggestions: [{ messageId: 'useCategorical', output: model("tf.layers.dense({ units: 3, activation: 'softmax' })", "'categoricalCrossentropy'") }],
        },
      ],
      output: null,
    },
    {
      name: 'XOR with meanSquaredError: works, slowly',
      code: model("tf.layers.dense({ units: 1, activation: 'sigmoid' })", "'meanSquaredError'", XOR),
      errors: [
        {
          messageId: 'sigmoidClassifier',
          severity: 'info',
          suggestions: [{ messageId: 'useBinary', output: model("tf.layers.dense({ units: 1, activation: 'sigmoid' })", "'binaryCrossentropy'", XOR) }],
        },
      ],
    },
    {
      name: 'sigmoid output tracking accuracy, labels not known: a yes/no classifier',
      code: model("tf.layers.dense({ units: 1, activation: 'sigmoid' })", "tf.losses.meanSquaredError, metrics: ['accuracy']"),
      errors: [{ messageId: 'sigmoidClassifier', severity: 'info', text: 'tf.losses.meanSquaredError', suggestions: [] }],
    },
    {
      name: 'softmax with tf.losses.meanSquaredError',
      code: model("tf.layers.dense({ units: 3, activation: 'softmax' })", 'tf.losses.meanSquaredError'),
      errors: [{ messageId: 'softmaxClassifier', text: 'tf.losses.meanSquaredError', suggestions: [] }],
    },
  ],
});
