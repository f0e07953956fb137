import { RuleTester } from './core/rule-tester';
import rule from './labels-outside-loss-domain';

const header = "import * as tf from '@tensorflow/tfjs';\n";
const model = (units: number, activation: string, loss: string, labels: string): string =>
  `${header}const model = tf.sequential();
model.add(tf.layers.dense({ units: ${units}, inputShape: [4], activation: '${activation}' }));
model.compile({ optimizer: 'adam', loss: '${loss}' });
model.fit(tf.randomNormal([6, 4]), ${labels}, { epochs: 5 });`;

new RuleTester().run(rule, {
  valid: [
    { name: 'binary labels', code: model(1, 'sigmoid', 'binaryCrossentropy', 'tf.tensor2d([[0], [1], [1], [0], [1], [0]])') },
    { name: 'soft labels in [0, 1]', code: model(1, 'sigmoid', 'binaryCrossentropy', 'tf.tensor2d([[0.1], [0.9], [0.5], [0], [1], [0.3]])') },
    { name: 'class ids scaled after the fact are someone else’s business when unknown', code: model(1, 'sigmoid', 'binaryCrossentropy', 'labels') + '\ndeclare const labels: tf.Tensor;' },
    { name: 'class ids below the number of outputs', code: model(3, 'softmax', 'sparseCategoricalCrossentropy', "tf.tensor1d([0, 1, 2, 2, 1, 0], 'int32')") },
    { name: 'class ids from a range', code: model(5, 'softmax', 'sparseCategoricalCrossentropy', 'tf.range(0, 6).mod(5)') },
    { name: 'one-hot labels', code: model(3, 'softmax', 'categoricalCrossentropy', 'tf.oneHot(tf.tensor1d([0, 1, 2, 2, 1, 0], "int32"), 3)') },
    { name: 'class ids with categorical cross-entropy are an encoding mismatch', code: model(3, 'softmax', 'categoricalCrossentropy', "tf.tensor1d([0, 1, 2, 2, 1, 0], 'int32')") },
    { name: 'a regression loss takes any target', code: model(1, 'linear', 'meanSquaredError', 'tf.tensor2d([[5], [7], [9], [2], [3], [4]])') },
    { name: 'labels one-hot encoded after a division', code: model(3, 'softmax', 'categoricalCrossentropy', 'tf.oneHot(tf.tensor1d([0, 2, 4, 4, 2, 0], "int32").div(2).toInt(), 3)') },
  ],
  invalid: [
    {
      name: 'class ids 0..3 with a sigmoid and binary cross-entropy',
      code: model(1, 'sigmoid', 'binaryCrossentropy', 'tf.tensor2d([[0], [1], [2], [3], [1], [2]])'),
      errors: [{ messageId: 'notProbabilities', text: 'tf.tensor2d([[0], [1], [2], [3], [1], [2]])', severity: 'error', message: /reach \[0, 3\]/ }],
    },
    {
      name: 'labels in percent',
      code: model(1, 'sigmoid', 'binaryCrossentropy', 'tf.tensor2d([[10], [90], [50], [0], [100], [30]]).reshape([6, 1])'),
      errors: [{ messageId: 'notProbabilities', message: /reach \[0, 100\]/ }],
    },
    {
      name: 'class ids that stopped being whole numbers',
      code: model(3, 'softmax', 'sparseCategoricalCrossentropy', 'tf.tensor1d([0, 1, 2, 3, 4, 5]).div(2)'),
      errors: [{ messageId: 'notWholeIds', text: 'tf.tensor1d([0, 1, 2, 3, 4, 5]).div(2)', message: /include 0\.5/ }],
    },
    {
      name: 'class ids from 1 to 3 on three outputs',
      code: model(3, 'softmax', 'sparseCategoricalCrossentropy', "tf.tensor1d([1, 2, 3, 3, 2, 1], 'int32')"),
      errors: [{ messageId: 'idsBeyondOutput', message: /class 3, beyond the classes 0 to 2 of the output\. The output has 3 units/ }],
    },
    {
      name: 'random class ids drawn beyond the output',
      code: model(4, 'softmax', 'sparseCategoricalCrossentropy', "tf.randomUniform([6], 0, 10, 'int32')"),
      errors: [{ messageId: 'idsBeyondOutput', message: /class 9/ }],
    },
    {
      name: 'negative class ids',
      code: model(3, 'softmax', 'sparseCategoricalCrossentropy', "tf.tensor1d([-1, 0, 1, 1, 0, -1], 'int32')"),
      errors: [{ messageId: 'negativeIds' }],
    },
  ],
});
