import rule from './binary-crossentropy-without-sigmoid';
import { RuleTester } from './core/rule-tester';

const model = (output: string): string => `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.dense({ units: 32, inputShape: [10], activation: 'relu' }));
model.add(${output});
model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });`;

new RuleTester().run(rule, {
  valid: [
    { name: 'sigmoid output', code: model("tf.layers.dense({ units: 1, activation: 'sigmoid' })") },
    { name: 'multi-label sigmoid', code: model("tf.layers.dense({ units: 5, activation: 'sigmoid' })") },
    { name: 'softmax is another rule', code: model("tf.layers.dense({ units: 1, activation: 'softmax' })") },
    { name: 'hard sigmoid', code: model("tf.layers.dense({ units: 1, activation: 'hardSigmoid' })") },
    { name: 'activation layer', code: model("tf.layers.dense({ units: 1 }));\nmodel.add(tf.layers.activation({ activation: 'sigmoid' })") },
  ],
  invalid: [
    {
      name: 'logits',
      code: model('tf.layers.dense({ units: 1 })'),
      errors: [{ messageId: 'linearOutput', line: 4, severity: 'error' }],
      output: model("tf.layers.dense({ units: 1, activation: 'sigmoid' })"),
      fixMessageId: 'useSigmoid',
    },
    {
      name: 'tanh output',
      code: model("tf.layers.dense({ units: 1, activation: 'tanh' })"),
      errors: [{ messageId: 'otherActivation', text: "'tanh'" }],
      output: model("tf.layers.dense({ units: 1, activation: 'sigmoid' })"),
    },
    {
      name: 'a ReLU layer at the end cannot be fixed in place',
      code: model("tf.layers.dense({ units: 1 }));\nmodel.add(tf.layers.reLU()"),
      errors: [{ messageId: 'otherActivation', text: 'tf.layers.reLU()' }],
      output: null,
    },
  ],
});
