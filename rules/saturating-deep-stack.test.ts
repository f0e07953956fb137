import { RuleTester } from './core/rule-tester';
import rule from './saturating-deep-stack';

const stack = (activation: string, count: number, extra = ''): string => `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.dense({ units: 64, inputShape: [20], activation: '${activation}' }));
${Array.from({ length: count - 1 }, () => `model.add(tf.layers.dense({ units: 64, activation: '${activation}' }));`).join('\n')}${extra}
model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));`;

new RuleTester().run(rule, {
  valid: [
    { name: 'three sigmoid layers', code: stack('sigmoid', 3) },
    { name: 'deep relu stack', code: stack('relu', 8) },
    { name: 'with normalization', code: stack('tanh', 6, '\nmodel.add(tf.layers.batchNormalization());') },
  ],
  invalid: [{ name: 'five sigmoid layers', code: stack('sigmoid', 5), errors: [{ messageId: 'vanishing', line: 3, text: "'sigmoid'", severity: 'warning' }] }],
});
