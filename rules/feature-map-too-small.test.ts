import { RuleTester } from './core/rule-tester';
import rule from './feature-map-too-small';

const sequential = (...layers: string[]): string => `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
${layers.map((layer) => `model.add(${layer});`).join('\n')}`;

new RuleTester().run(rule, {
  valid: [
    { name: 'fits', code: sequential("tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 8, kernelSize: 3, activation: 'relu' })", 'tf.layers.maxPooling2d({ poolSize: 2 })', 'tf.layers.conv2d({ filters: 16, kernelSize: 3 })') },
    { name: 'same padding', code: sequential("tf.layers.conv2d({ inputShape: [4, 4, 1], filters: 8, kernelSize: 5, padding: 'same' })") },
    { name: 'unknown input size', code: sequential('tf.layers.conv2d({ inputShape: [null, null, 3], filters: 8, kernelSize: 7 })') },
    {
      name: 'a functional model whose windows fit',
      code: `import * as tf from '@tensorflow/tfjs';
const input = tf.input({ shape: [28, 28, 1] });
const conv = tf.layers.conv2d({ filters: 8, kernelSize: 5 }).apply(input) as tf.SymbolicTensor;
const pooled = tf.layers.maxPooling2d({ poolSize: 2 }).apply(conv) as tf.SymbolicTensor;
const output = tf.layers.dense({ units: 10 }).apply(tf.layers.flatten().apply(pooled)) as tf.SymbolicTensor;
export const model = tf.model({ inputs: input, outputs: output });`,
    },
    {
      name: 'a functional model whose input size is not known',
      code: `import * as tf from '@tensorflow/tfjs';
export function build(size: number) {
  const input = tf.input({ shape: [size, size, 1] });
  const conv = tf.layers.conv2d({ filters: 8, kernelSize: 5 }).apply(input) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: conv });
}`,
    },
  ],
  invalid: [
    {
      name: 'pooled too often',
      code: sequential(
        'tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 8, kernelSize: 5 })',
        'tf.layers.maxPooling2d({ poolSize: 2 })',
        'tf.layers.conv2d({ filters: 16, kernelSize: 5 })',
        'tf.layers.maxPooling2d({ poolSize: 2 })',
        'tf.layers.conv2d({ filters: 32, kernelSize: 5 })',
      ),
      errors: [{ messageId: 'tooSmall', line: 7, text: '5', severity: 'error' }],
    },
    {
      name: 'kernel larger than the image',
      code: sequential('tf.layers.conv2d({ inputShape: [3, 3, 1], filters: 8, kernelSize: [5, 5] })'),
      errors: [{ messageId: 'tooSmall', text: '[5, 5]' }],
    },
    {
      name: 'pooling a 1-D sequence too far',
      code: sequential('tf.layers.conv1d({ inputShape: [6, 2], filters: 4, kernelSize: 3 })', 'tf.layers.maxPooling1d({ poolSize: 5 })'),
      errors: [{ messageId: 'tooSmall', line: 4 }],
    },
    {
      name: 'a functional model pooled too often',
      code: `import * as tf from '@tensorflow/tfjs';
const input = tf.input({ shape: [12, 12, 1] });
let x = tf.layers.conv2d({ filters: 8, kernelSize: 5 }).apply(input) as tf.SymbolicTensor;
x = tf.layers.maxPooling2d({ poolSize: 2 }).apply(x) as tf.SymbolicTensor;
x = tf.layers.conv2d({ filters: 16, kernelSize: 5 }).apply(x) as tf.SymbolicTensor;
export const model = tf.model({ inputs: input, outputs: x });`,
      errors: [{ messageId: 'tooSmall', line: 5, text: '5' }],
    },
  ],
});
