import { RuleTester } from './core/rule-tester';
import rule from './validation-split-on-ordered-data';

const fit = (labels: string, options = '{ epochs: 20, validationSplit: 0.2 }', before = ''): string => `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [2], activation: 'sigmoid' }));
model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
${before}model.fit(tf.randomNormal([8, 2]), ${labels}, ${options});`;

new RuleTester().run(rule, {
  valid: [
    { name: 'mixed labels', code: fit('tf.tensor2d([[0], [1], [1], [0], [1], [0], [0], [1]])') },
    { name: 'no validation split', code: fit('tf.tensor2d([[0], [0], [0], [0], [1], [1], [1], [1]])', '{ epochs: 20 }') },
    { name: 'shuffled first', code: fit('tf.tensor2d(labels, [8, 1])', undefined, 'const labels = [0, 0, 0, 0, 1, 1, 1, 1];\ntf.util.shuffle(labels);\n') },
  ],
  invalid: [
    {
      name: 'sorted literal labels',
      code: fit('tf.tensor2d([[0], [0], [0], [0], [1], [1], [1], [1]])'),
      errors: [{ messageId: 'orderedTail', text: '0.2', severity: 'warning' }],
    },
    {
      name: 'blocks of one class',
      code: fit('tf.concat([tf.zeros([4, 1]), tf.ones([4, 1])])'),
      errors: [{ messageId: 'orderedTail' }],
    },
  ],
});
