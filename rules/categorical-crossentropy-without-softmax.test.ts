import rule from './categorical-crossentropy-without-softmax';
import { RuleTester } from './core/rule-tester';

const model = (output: string, loss = "'categoricalCrossentropy'"): string => `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.dense({ units: 32, inputShape: [10], activation: 'relu' }));
model.add(${output});
model.compile({ optimizer: 'adam', loss: ${loss} });`;

new RuleTester().run(rule, {
  valid: [
    { name: 'softmax output', code: model("tf.layers.dense({ units: 4, activation: 'softmax' })") },
    { name: 'sparse loss with softmax', code: model("tf.layers.dense({ units: 4, activation: 'softmax' })", "'sparseCategoricalCrossentropy'") },
    { name: 'separate softmax layer', code: model("tf.layers.dense({ units: 4 }));\nmodel.add(tf.layers.softmax()") },
    { name: 'one unit is another rule', code: model('tf.layers.dense({ units: 1 })') },
    { name: 'logSoftmax is another rule', code: model("tf.layers.dense({ units: 4, activation: 'logSoftmax' })") },
    { name: 'logits with the library loss', code: model('tf.layers.dense({ units: 4 })', 'tf.losses.softmaxCrossEntropy') },
    { name: 'activation from a parameter', code: `export function build(act: any) {\n${model('tf.layers.dense({ units: 4, activation: act })')}\n}` },
  ],
  invalid: [
    {
      name: 'no output activation',
      code: model('tf.layers.dense({ units: 4 })'),
      errors: [{ messageId: 'linearOutput', line: 4, text: 'tf.layers.dense({ units: 4 })', severity: 'error' }],
      output: model("tf.layers.dense({ units: 4, activation: 'softmax' })"),
      fixMessageId: 'useSoftmax',
    },
    {
      name: 'relu output with the sparse loss',
      code: model("tf.layers.dense({ units: 4, activation: 'relu' })", "'sparseCategoricalCrossentropy'"),
      errors: [{ messageId: 'otherActivation', text: "'relu'" }],
      output: model("tf.layers.dense({ units: 4, activation: 'softmax' })", "'sparseCategoricalCrossentropy'"),
    },
    {
      name: 'sigmoid output: two possible meanings',
      code: model("tf.layers.dense({ units: 4, activation: 'sigmoid' })"),
      errors: [
        {
          messageId: 'sigmoidOutput',
          severity: 'warning',
          suggestions: [
            { messageId: 'useSoftmax', output: model("tf.layers.dense({ units: 4, activation: 'softmax' })") },
            { messageId: 'useBinary', output: model("tf.layers.dense({ units: 4, activation: 'sigmoid' })", "'binaryCrossentropy'") },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'multi-line config',
      code: model('tf.layers.dense({\n  units: 4,\n  kernelInitializer: "glorotUniform",\n})'),
      errors: [{ messageId: 'linearOutput' }],
      output: model('tf.layers.dense({\n  units: 4,\n  kernelInitializer: "glorotUniform",\n  activation: \'softmax\',\n})'),
    },
  ],
});
