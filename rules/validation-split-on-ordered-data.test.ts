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
    { name: 'loop-built labels shuffled in place by tfjs', code: fit('tf.tensor1d(labels)', undefined, 'const perClass = Number(process.argv[2]);\nconst labels: number[] = [];\nfor (let label = 0; label < 2; label++) {\n  for (let i = 0; i < perClass; i++) labels.push(label);\n}\n%s'.replace('%s', 'tf.util.shuffle(labels);\\n')) },
    { name: 'loop-built labels shuffled by a library', code: fit('tf.tensor1d(labels)', undefined, 'const perClass = Number(process.argv[2]);\nconst labels: number[] = [];\nfor (let label = 0; label < 2; label++) {\n  for (let i = 0; i < perClass; i++) labels.push(label);\n}\n%s'.replace('%s', 'shuffleInPlace(labels);\\n')) },
    { name: 'each pass of the loop pushes both classes', code: fit('tf.tensor1d(labels)', undefined, 'const pairs = Number(process.argv[2]);\nconst labels: number[] = [];\nfor (let i = 0; i < pairs; i++) labels.push(0, 1);\n') },
    { name: 'shuffled first', code: fit('tf.tensor2d(labels, [8, 1])', undefined, 'const labels = [0, 0, 0, 0, 1, 1, 1, 1];\ntf.util.shuffle(labels);\n') },
  ],
  invalid: [
    {
      name: 'sorted literal labels',
      code: fit('tf.tensor2d([[0], [0], [0], [0], [1], [1], [1], [1]])'),
      errors: [{ messageId: 'orderedTail', text: '0.2', severity: 'warning' }],
    },
    {
      name: 'labels pushed class by class in nested loops',
      code: fit('tf.tensor1d(labels)', undefined, 'const perClass = Number(process.argv[2]);\nconst labels: number[] = [];\nfor (let label = 0; label < 2; label++) {\n  for (let i = 0; i < perClass; i++) labels.push(label);\n}\n%s'.replace('%s', '')),
      errors: [{ messageId: 'orderedTail', text: '0.2' }],
    },
    {
      name: 'blocks of one class',
      code: fit('tf.concat([tf.zeros([4, 1]), tf.ones([4, 1])])'),
      errors: [{ messageId: 'orderedTail' }],
    },
  ],
});
