import { RuleTester } from './core/rule-tester';
import rule from './unknown-activation';

const layer = (config: string): string => `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.dense(${config}));`;

new RuleTester().run(rule, {
  valid: [
    { name: 'known activations', code: layer("{ units: 4, inputShape: [2], activation: 'relu' }") },
    { name: 'newer activations', code: layer("{ units: 4, inputShape: [2], activation: 'gelu' }") + "\nmodel.add(tf.layers.activation({ activation: 'logSoftmax' }));" },
    { name: 'recurrent activation', code: "import * as tf from '@tensorflow/tfjs';\nexport const l = tf.layers.lstm({ units: 4, recurrentActivation: 'hardSigmoid' });" },
    { name: 'unknown value', code: `import { ACT } from './act';\n${layer('{ units: 4, inputShape: [2], activation: ACT }')}` },
  ],
  invalid: [
    {
      name: 'capitalised',
      code: layer("{ units: 4, inputShape: [2], activation: 'ReLU' }"),
      errors: [{ messageId: 'unknownActivationWithReplacement', text: "'ReLU'", severity: 'error' }],
      output: layer("{ units: 4, inputShape: [2], activation: 'relu' }"),
      fixMessageId: 'useName',
    },
    {
      name: 'Keras snake case',
      code: "import * as tf from '@tensorflow/tfjs';\nexport const head = tf.layers.activation({ activation: 'log_softmax' });",
      errors: [{ messageId: 'unknownActivationWithReplacement' }],
      output: "import * as tf from '@tensorflow/tfjs';\nexport const head = tf.layers.activation({ activation: 'logSoftmax' });",
    },
    {
      name: 'leaky ReLU is a layer',
      code: layer("{ units: 4, inputShape: [2], activation: 'leakyRelu' }"),
      errors: [{ messageId: 'leakyRelu', text: "'leakyRelu'" }],
      output: null,
    },
    {
      name: 'nothing close',
      code: "import * as tf from '@tensorflow/tfjs';\nexport const l = tf.layers.gru({ units: 4, recurrentActivation: 'cosine' });",
      errors: [{ messageId: 'unknownActivation', text: "'cosine'" }],
      output: null,
    },
  ],
});
