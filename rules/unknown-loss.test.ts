import { RuleTester } from './core/rule-tester';
import rule from './unknown-loss';

const model = (compile: string): string => `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.dense({ units: 3, inputShape: [4], activation: 'softmax' }));
model.compile(${compile});`;

new RuleTester().run(rule, {
  valid: [
    { name: 'a tfjs loss name', code: model("{ optimizer: 'adam', loss: 'categoricalCrossentropy' }") },
    { name: 'a loss function', code: model("{ optimizer: 'adam', loss: tf.losses.softmaxCrossEntropy }") },
    { name: 'losses per output', code: model("{ optimizer: 'adam', loss: ['meanSquaredError', 'binaryCrossentropy'] }") },
    { name: 'a loss that is not known here', code: `import { LOSS } from 'config';\n${model("{ optimizer: 'adam', loss: LOSS }")}` },
    { name: "'mse' as a metric is fine", code: model("{ optimizer: 'adam', loss: 'meanSquaredError', metrics: ['mse'] }") },
  ],
  invalid: [
    {
      name: 'the Keras name',
      code: model("{ optimizer: 'adam', loss: 'categorical_crossentropy' }"),
      errors: [{ messageId: 'unknownLossWithReplacement', line: 4, text: "'categorical_crossentropy'", severity: 'error' }],
      output: model("{ optimizer: 'adam', loss: 'categoricalCrossentropy' }"),
      fixMessageId: 'useName',
    },
    {
      name: "'mse' is a metric, not a loss",
      code: model('{ optimizer: "sgd", loss: "mse" }'),
      errors: [{ messageId: 'unknownLossWithReplacement', text: '"mse"' }],
      output: model('{ optimizer: "sgd", loss: "meanSquaredError" }'),
    },
    {
      name: 'the name of the tf.losses function',
      code: model("{ optimizer: 'adam', loss: 'softmaxCrossEntropy' }"),
      errors: [{ messageId: 'unknownLossWithReplacement' }],
      output: model("{ optimizer: 'adam', loss: 'categoricalCrossentropy' }"),
    },
    {
      name: 'one of several losses',
      code: model("{ optimizer: 'adam', loss: ['meanSquaredError', 'binary_crossentropy'] }"),
      errors: [{ messageId: 'unknownLossWithReplacement', text: "'binary_crossentropy'" }],
      output: model("{ optimizer: 'adam', loss: ['meanSquaredError', 'binaryCrossentropy'] }"),
    },
    {
      name: 'no equivalent',
      code: model("{ optimizer: 'adam', loss: 'huber' }"),
      errors: [{ messageId: 'unknownLoss', text: "'huber'" }],
      output: null,
    },
    {
      name: 'through a constant: reported where it is used, fixed nowhere',
      code: `const LOSS = 'mean_absolute_error';\n${model("{ optimizer: 'adam', loss: LOSS }")}`,
      errors: [{ messageId: 'unknownLossWithReplacement', text: 'LOSS' }],
      output: null,
    },
  ],
});
