import { RuleTester } from './core/rule-tester';
import rule from './unnormalized-regression-target';

const model = (targets: string, loss = "'meanSquaredError'"): string => `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [2] }));
model.compile({ optimizer: 'sgd', loss: ${loss} });
model.fit(tf.tensor2d([[0.1, 0.3], [0.5, 0.2]]), ${targets}, { epochs: 50 });`;

new RuleTester().run(rule, {
  valid: [
    { name: 'small targets', code: model('tf.tensor2d([[0.4], [1.2]])') },
    { name: 'classification', code: model('tf.tensor2d([[1], [0]])', "'binaryCrossentropy'") },
    { name: 'large values scaled before training', code: model('tf.tensor2d([[399900], [329900]]).div(1e5)') },
    { name: 'standardised targets of unknown size', code: `${model('ys.sub(ys.mean()).div(tf.moments(ys).variance.sqrt())')}\ndeclare const ys: tf.Tensor;` },
  ],
  invalid: [
    { name: 'prices under a squared error', code: model('tf.tensor2d([[399900], [329900]])'), errors: [{ messageId: 'largeTargets', severity: 'warning' }] },
    { name: 'prices under an absolute error', code: model('tf.tensor2d([[399900], [329900]])', "'meanAbsoluteError'"), errors: [{ messageId: 'largeTargets', severity: 'info' }] },
    {
      name: 'targets computed by operations',
      code: model('tf.range(0, 2).reshape([2, 1]).mul(5000)'),
      errors: [{ messageId: 'largeTargets', text: 'tf.range(0, 2).reshape([2, 1]).mul(5000)', severity: 'warning' }],
    },
  ],
});
