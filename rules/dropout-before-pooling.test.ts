import { RuleTester } from './core/rule-tester';
import rule from './dropout-before-pooling';

const sequential = (...layers: string[]): string => `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
${layers.map((layer) => `model.add(${layer});`).join('\n')}`;

const conv = "tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 8, kernelSize: 3, activation: 'relu' })";

new RuleTester().run(rule, {
  valid: [
    { name: 'pooling then dropout', code: sequential(conv, 'tf.layers.maxPooling2d({ poolSize: 2 })', 'tf.layers.dropout({ rate: 0.25 })') },
    { name: 'dropout before average pooling', code: sequential(conv, 'tf.layers.dropout({ rate: 0.25 })', 'tf.layers.averagePooling2d({ poolSize: 2 })') },
    { name: 'dropout before a convolution', code: sequential(conv, 'tf.layers.dropout({ rate: 0.25 })', "tf.layers.conv2d({ filters: 8, kernelSize: 3, activation: 'relu' })") },
    {
      name: 'layers added only on some paths',
      code: `import * as tf from '@tensorflow/tfjs';
export function build(regularise: boolean) {
  const model = tf.sequential();
  model.add(${conv});
  if (regularise) model.add(tf.layers.dropout({ rate: 0.25 }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  return model;
}`,
    },
  ],
  invalid: [
    {
      name: 'dropout then max pooling',
      code: sequential(conv, 'tf.layers.dropout({ rate: 0.25 })', 'tf.layers.maxPooling2d({ poolSize: 2 })'),
      errors: [{ messageId: 'order', line: 4, text: 'tf.layers.dropout({ rate: 0.25 })', severity: 'info' }],
    },
    {
      name: 'functional: dropout then global max pooling',
      code: `import * as tf from '@tensorflow/tfjs';
const input = tf.input({ shape: [100, 16] });
const dropped = tf.layers.dropout({ rate: 0.3 }).apply(input);
const pooled = tf.layers.globalMaxPooling1d({}).apply(dropped);
const output = tf.layers.dense({ units: 1, activation: 'sigmoid' }).apply(pooled) as tf.SymbolicTensor;
export const model = tf.model({ inputs: input, outputs: output });`,
      errors: [{ messageId: 'order', line: 3, text: 'tf.layers.dropout({ rate: 0.3 })' }],
    },
  ],
});
