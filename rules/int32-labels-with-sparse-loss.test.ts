import { RuleTester } from './core/rule-tester';
import rule from './int32-labels-with-sparse-loss';

const header = "import * as tf from '@tensorflow/tfjs';\n";
const model = (loss: string, labels: string, call = 'fit'): string =>
  `${header}const model = tf.sequential();
model.add(tf.layers.dense({ units: 3, inputShape: [4], activation: 'softmax' }));
model.compile({ optimizer: 'adam', loss: ${loss} });
model.${call}(tf.randomNormal([6, 4]), ${labels}${call === 'fit' ? ', { epochs: 5 }' : ''});`;

new RuleTester().run(rule, {
  valid: [
    { name: 'float32 class ids (the default)', code: model("'sparseCategoricalCrossentropy'", 'tf.tensor1d([0, 1, 2, 2, 1, 0])') },
    { name: 'int32 class ids cast to float32', code: model("'sparseCategoricalCrossentropy'", "tf.tensor1d([0, 1, 2, 2, 1, 0], 'int32').toFloat()") },
    { name: 'int32 class ids cast with tf.cast', code: model("'sparseCategoricalCrossentropy'", "tf.cast(tf.tensor1d([0, 1, 2, 2, 1, 0], 'int32'), 'float32')") },
    { name: 'one-hot labels (int32) with categorical cross-entropy: the loss multiplies, which casts', code: model("'categoricalCrossentropy'", "tf.oneHot(tf.tensor1d([0, 1, 2, 2, 1, 0], 'int32'), 3)") },
    { name: 'int32 class ids minus a number: tfjs makes the result float32', code: model("'sparseCategoricalCrossentropy'", "tf.tensor1d([1, 2, 3, 3, 2, 1], 'int32').sub(1)") },
    { name: 'labels of unknown type', code: `${model("'sparseCategoricalCrossentropy'", 'labels')}\ndeclare const labels: tf.Tensor;` },
    { name: 'a loss function of the code', code: model('(a: tf.Tensor, b: tf.Tensor) => tf.losses.softmaxCrossEntropy(a, b)', "tf.tensor1d([0, 1, 2, 2, 1, 0], 'int32')") },
  ],
  invalid: [
    {
      name: 'int32 class ids written out',
      code: model("'sparseCategoricalCrossentropy'", "tf.tensor1d([0, 1, 2, 2, 1, 0], 'int32')"),
      errors: [{ messageId: 'int32Labels', text: "tf.tensor1d([0, 1, 2, 2, 1, 0], 'int32')", severity: 'error', message: /^int32 labels make fit throw on its first batch with sparseCategoricalCrossentropy\./ }],
    },
    {
      name: 'int32 class ids reshaped into a column stay int32',
      code: model("'sparseCategoricalCrossentropy'", "tf.tensor1d([0, 1, 2, 2, 1, 0], 'int32').reshape([6, 1])"),
      errors: [{ messageId: 'int32Labels' }],
    },
    {
      name: 'one-hot labels (int32) with the sparse loss',
      code: model("'sparseCategoricalCrossentropy'", "tf.oneHot(tf.tensor1d([0, 1, 2, 2, 1, 0], 'int32'), 3)"),
      errors: [{ messageId: 'int32Labels' }],
    },
    {
      name: 'random int32 class ids, trained with trainOnBatch',
      code: model("'sparseCategoricalCrossentropy'", "tf.randomUniform([6], 0, 3, 'int32')", 'trainOnBatch'),
      errors: [{ messageId: 'int32Labels', message: /make trainOnBatch throw on its first batch/ }],
    },
    {
      name: 'the loss given as tf.metrics.sparseCategoricalCrossentropy',
      code: model('tf.metrics.sparseCategoricalCrossentropy', "tf.tensor1d([0, 1, 2, 2, 1, 0], 'int32')"),
      errors: [{ messageId: 'int32Labels' }],
    },
  ],
});
