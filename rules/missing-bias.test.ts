import { RuleTester } from './core/rule-tester';
import rule from './missing-bias';

const header = "import * as tf from '@tensorflow/tfjs';\n";

function sequential(...layers: string[]): string {
  return `${header}const model = tf.sequential();
${layers.map((layer) => `model.add(${layer});`).join('\n')}`;
}

new RuleTester().run(rule, {
  valid: [
    {
      // The offset W2 b1 a bias here would add is a constant the next layer's bias learns as well.
      name: 'functional: a linear layer into a dense layer with a bias',
      code: `${header}const input = tf.input({ shape: [4] });
const hidden = tf.layers.dense({ units: 8, useBias: false }).apply(input);
const output = tf.layers.dense({ units: 1 }).apply(hidden);
const model = tf.model({ inputs: input, outputs: output });`,
    },
    {
      name: 'a linear layer, dropout, then a dense layer with a bias',
      code: sequential('tf.layers.dense({ inputShape: [10], units: 32, useBias: false })', 'tf.layers.dropout({ rate: 0.2 })', "tf.layers.dense({ units: 3, activation: 'softmax' })"),
    },
    {
      // tfjs-examples polynomial-regression: the features are [1, x, x², x³] built row by row.
      name: 'polynomial features with a constant column pushed in a loop',
      code: `${header}const order = 3;
export async function fitPolynomial(xValues: number[], ys: tf.Tensor2D) {
  const data: number[] = [];
  for (let i = 0; i < xValues.length; ++i) {
    for (let j = 0; j < order + 1; ++j) {
      if (j === 0) data.push(1);
      else data.push(Math.pow(xValues[i]!, j));
    }
  }
  const input = tf.input({ shape: [order + 1] });
  const output = tf.layers.dense({ units: 1, kernelInitializer: 'zeros', useBias: false }).apply(input) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: output });
  model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
  await model.fit(tf.tensor2d(data, [xValues.length, order + 1]), ys, { epochs: 10 });
}`,
    },
    {
      name: 'a design matrix with an intercept column',
      code: `${header}export function fitLine(x: tf.Tensor2D, y: tf.Tensor2D) {
  const design = tf.concat([tf.ones([x.shape[0], 1]), x], 1);
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 1, useBias: false })] });
  model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
  return model.fit(design, y);
}`,
    },
    {
      name: 'rows of literal data that start with 1',
      code: `${header}const xs = tf.tensor2d([[1, 1], [1, 2], [1, 3]]);
const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 1, useBias: false })] });
model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
model.fit(xs, tf.tensor2d([[3], [5], [7]]));`,
    },
    {
      name: 'convolution then batch normalization',
      code: sequential(
        "tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 8, kernelSize: 3, useBias: false })",
        'tf.layers.batchNormalization()',
        "tf.layers.activation({ activation: 'relu' })",
      ),
    },
    {
      name: 'activation between the layer and the normalization',
      code: sequential(
        'tf.layers.dense({ inputShape: [10], units: 32, useBias: false })',
        "tf.layers.activation({ activation: 'relu' })",
        'tf.layers.layerNormalization()',
        'tf.layers.dense({ units: 1 })',
      ),
    },
    {
      name: 'dropout between the layer and the normalization',
      code: sequential('tf.layers.dense({ inputShape: [10], units: 32, useBias: false })', 'tf.layers.dropout({ rate: 0.2 })', 'tf.layers.batchNormalization()'),
    },
    { name: 'bias on', code: sequential('tf.layers.dense({ inputShape: [10], units: 32, useBias: true })', 'tf.layers.dense({ units: 1 })') },
    {
      name: 'useBias from a parameter',
      code: `${header}export function build(bias: boolean) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [10], units: 32, useBias: bias }));
  model.add(tf.layers.dense({ units: 1 }));
  return model;
}`,
    },
    {
      name: 'the next layer is added only on some paths',
      code: `${header}export function build(normalize: boolean) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [10], units: 32, useBias: false }));
  if (normalize) model.add(tf.layers.batchNormalization());
  model.add(tf.layers.dense({ units: 1 }));
  return model;
}`,
    },
    {
      name: 'pooling and flattening between the layer and the normalization',
      code: sequential(
        'tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 8, kernelSize: 3, useBias: false })',
        'tf.layers.maxPooling2d({ poolSize: 2 })',
        'tf.layers.flatten()',
        'tf.layers.batchNormalization()',
      ),
    },
    { name: 'recurrent layers are not dense or convolutional', code: sequential('tf.layers.lstm({ inputShape: [5, 3], units: 8, useBias: false })', 'tf.layers.dense({ units: 1 })') },
    { name: 'a layer that never joins a model', code: `${header}export const block = () => tf.layers.dense({ units: 8, useBias: false });` },
    {
      name: 'functional: convolution into batch normalization',
      code: `${header}const input = tf.input({ shape: [32, 32, 3] });
const conv = tf.layers.conv2d({ filters: 16, kernelSize: 3, useBias: false }).apply(input);
const norm = tf.layers.batchNormalization().apply(conv);
const model = tf.model({ inputs: input, outputs: norm });`,
    },
  ],
  invalid: [
    {
      name: 'dense without bias before another dense',
      code: sequential('tf.layers.dense({ inputShape: [10], units: 32, useBias: false, activation: "relu" })', 'tf.layers.dense({ units: 1 })'),
      errors: [{ messageId: 'noBias', line: 3, column: 58, endColumn: 72, text: 'useBias: false', severity: 'warning' }],
      fixMessageId: 'removeUseBias',
      output: sequential('tf.layers.dense({ inputShape: [10], units: 32, activation: "relu" })', 'tf.layers.dense({ units: 1 })'),
    },
    {
      name: 'the output layer without bias',
      code: sequential("tf.layers.dense({ inputShape: [10], units: 16, activation: 'relu' })", 'tf.layers.dense({ units: 1, useBias: false })'),
      errors: [{ messageId: 'noBiasHidden', line: 4, text: 'useBias: false', severity: 'info' }],
      output: sequential("tf.layers.dense({ inputShape: [10], units: 16, activation: 'relu' })", 'tf.layers.dense({ units: 1 })'),
    },
    {
      name: 'a convolution without bias feeding pooling and a dense layer',
      code: sequential(
        'tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 8, kernelSize: 3, useBias: false })',
        "tf.layers.activation({ activation: 'relu' })",
        'tf.layers.maxPooling2d({ poolSize: 2 })',
        'tf.layers.flatten()',
        "tf.layers.dense({ units: 10, activation: 'softmax' })",
      ),
      errors: [{ messageId: 'noBias', line: 3, severity: 'warning' }],
      output: sequential(
        'tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 8, kernelSize: 3 })',
        "tf.layers.activation({ activation: 'relu' })",
        'tf.layers.maxPooling2d({ poolSize: 2 })',
        'tf.layers.flatten()',
        "tf.layers.dense({ units: 10, activation: 'softmax' })",
      ),
    },
    {
      name: 'a second layer without bias after another one: still no offset anywhere',
      code: sequential('tf.layers.dense({ inputShape: [4], units: 8, useBias: false })', 'tf.layers.dense({ units: 1, useBias: false })'),
      errors: [
        { messageId: 'noBias', line: 3, severity: 'warning' },
        { messageId: 'noBias', line: 4, severity: 'warning' },
      ],
      output: [
        sequential('tf.layers.dense({ inputShape: [4], units: 8 })', 'tf.layers.dense({ units: 1, useBias: false })'),
        sequential('tf.layers.dense({ inputShape: [4], units: 8, useBias: false })', 'tf.layers.dense({ units: 1 })'),
      ],
    },
    {
      name: 'functional: a relu layer into dense',
      code: `${header}const input = tf.input({ shape: [4] });
const hidden = tf.layers.dense({
  units: 8,
  activation: 'relu',
  useBias: false,
}).apply(input);
const output = tf.layers.dense({ units: 1 }).apply(hidden);
const model = tf.model({ inputs: input, outputs: output });`,
      errors: [{ messageId: 'noBias', line: 6 }],
      output: `${header}const input = tf.input({ shape: [4] });
const hidden = tf.layers.dense({
  units: 8,
  activation: 'relu',
}).apply(input);
const output = tf.layers.dense({ units: 1 }).apply(hidden);
const model = tf.model({ inputs: input, outputs: output });`,
    },
    {
      name: 'a linear layer whose consumer has no bias either',
      code: sequential('tf.layers.dense({ inputShape: [4], units: 8, useBias: false })', "tf.layers.dense({ units: 1, useBias: false, activation: 'sigmoid' })"),
      errors: [
        { messageId: 'noBias', line: 3, severity: 'warning' },
        { messageId: 'noBias', line: 4, severity: 'warning' },
      ],
      output: [
        sequential('tf.layers.dense({ inputShape: [4], units: 8 })', "tf.layers.dense({ units: 1, useBias: false, activation: 'sigmoid' })"),
        sequential('tf.layers.dense({ inputShape: [4], units: 8, useBias: false })', "tf.layers.dense({ units: 1, activation: 'sigmoid' })"),
      ],
    },
    {
      name: 'inputs whose constant column is 0',
      code: `${header}const xs = tf.tensor2d([[0, 1], [0, 2], [0, 3]]);
const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 1, useBias: false })] });
model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
model.fit(xs, tf.tensor2d([[3], [5], [7]]));`,
      errors: [{ messageId: 'noBias', line: 3, severity: 'warning' }],
      output: `${header}const xs = tf.tensor2d([[0, 1], [0, 2], [0, 3]]);
const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 1 })] });
model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
model.fit(xs, tf.tensor2d([[3], [5], [7]]));`,
    },
    {
      name: 'features pushed in a loop with the constant only on some passes',
      code: `${header}export function train(xValues: number[], ys: tf.Tensor) {
  const data: number[] = [];
  for (const x of xValues) {
    if (x > 0) data.push(1, x);
    else data.push(x, x);
  }
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 1, useBias: false })] });
  model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
  return model.fit(tf.tensor2d(data, [xValues.length, 2]), ys);
}`,
      errors: [{ messageId: 'noBias', line: 8, severity: 'warning' }],
      output: `${header}export function train(xValues: number[], ys: tf.Tensor) {
  const data: number[] = [];
  for (const x of xValues) {
    if (x > 0) data.push(1, x);
    else data.push(x, x);
  }
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 1 })] });
  model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
  return model.fit(tf.tensor2d(data, [xValues.length, 2]), ys);
}`,
    },
  ],
});
