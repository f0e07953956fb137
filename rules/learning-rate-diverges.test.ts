import { RuleTester } from './core/rule-tester';
import rule from './learning-rate-diverges';

const header = "import * as tf from '@tensorflow/tfjs';\n";
const line = (optimizer: string, xs = 'tf.tensor2d([[1], [2], [3], [4]])', layer = 'tf.layers.dense({ units: 1, inputShape: [1] })'): string =>
  `${header}const model = tf.sequential();
model.add(${layer});
model.compile({ optimizer: ${optimizer}, loss: 'meanSquaredError' });
model.fit(${xs}, tf.tensor2d([[3], [5], [7], [9]]), { epochs: 200 });`;

new RuleTester().run(rule, {
  valid: [
    // 4 / λmax([[30, 10], [10, 4]]) = 0.1198: 0.1 converges (measured: loss 1e-7 after 200 epochs).
    { name: 'a rate below the bound', code: line('tf.train.sgd(0.1)') },
    { name: 'an adaptive optimizer', code: line('tf.train.adam(0.5)') },
    { name: 'unknown inputs', code: `${line('tf.train.sgd(0.5)', 'xs')}\ndeclare const xs: tf.Tensor;` },
    { name: 'a non-linear output', code: line('tf.train.sgd(0.5)', undefined, "tf.layers.dense({ units: 1, inputShape: [1], activation: 'sigmoid' })") },
    { name: 'large inputs with a tiny rate', code: line('tf.train.sgd(1e-9)', 'tf.tensor2d([[2104], [1600], [2400], [1416]])') },
    { name: 'inputs scaled first', code: line("'sgd'", 'tf.tensor2d([[2104], [1600], [2400], [1416]]).div(3000)') },
  ],
  invalid: [
    {
      // Measured: 0.125 reaches a loss of 1e16 after 200 epochs, 0.15 Infinity.
      name: 'just above the bound',
      code: line('tf.train.sgd(0.15)'),
      errors: [{ messageId: 'diverges', text: '0.15', severity: 'error', message: /above 0\.1198, and this one is 0\.15/, suggestions: [{ messageId: 'useStable', output: line('tf.train.sgd(0.05)') }] }],
    },
    {
      name: "the default rate of 'sgd' on unscaled features",
      code: line("'sgd'", 'tf.tensor2d([[2104], [1600], [2400], [1416]])'),
      errors: [{ messageId: 'diverges', text: "'sgd'", message: /this one is 0\.01/, suggestions: [] }],
    },
    {
      // The stable rate would be about 1e-7, too small to train: only scaling the inputs repairs it.
      name: 'unscaled features whose stable rate is too small to offer',
      code: line('tf.train.sgd(0.0001)', 'tf.tensor2d([[2104], [1600], [2400], [1416]])'),
      errors: [{ messageId: 'diverges', text: '0.0001', suggestions: [] }],
    },
    {
      name: 'a layer without a bias',
      code: line('tf.train.sgd(0.2)', undefined, 'tf.layers.dense({ units: 1, inputShape: [1], useBias: false })'),
      errors: [
        {
          messageId: 'diverges',
          message: /above 0\.1333/,
          suggestions: [{ messageId: 'useStable', output: line('tf.train.sgd(0.06)', undefined, 'tf.layers.dense({ units: 1, inputShape: [1], useBias: false })') }],
        },
      ],
    },
  ],
});
