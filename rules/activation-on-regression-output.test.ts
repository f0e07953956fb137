import rule from './activation-on-regression-output';
import { RuleTester } from './core/rule-tester';

const header = "import * as tf from '@tensorflow/tfjs';\n";

function model(output: string, compile: string, extra = ''): string {
  return `${header}const model = tf.sequential();
model.add(tf.layers.dense({ units: 16, inputShape: [3], activation: 'relu' }));
model.add(${output});
model.compile(${compile});${extra}`;
}

new RuleTester().run(rule, {
  valid: [
    {
      // TD3/DDPG: the compiled mean squared error is never used; the actor's own loss trains it.
      name: 'an actor compiled with a regression loss but trained only by minimize',
      code: model(
        "tf.layers.dense({ units: 1, activation: 'tanh' })",
        "{ optimizer: 'adam', loss: 'meanSquaredError' }",
        '\nconst optimizer = tf.train.adam(1e-4);\nexport const step = (states: tf.Tensor, critic: (a: tf.Tensor) => tf.Tensor) => optimizer.minimize(() => critic(model.apply(states, { training: true }) as tf.Tensor).mean().neg() as tf.Scalar);',
      ),
    },
    {
      // An LSTM's cell state is not bounded by its tanh as its output is.
      name: 'the cell state an LSTM returns, as a regression output',
      code: `${header}const input = tf.input({ shape: [5, 2] });
const [, , cell] = tf.layers.lstm({ units: 4, returnState: true }).apply(input) as tf.SymbolicTensor[];
const model = tf.model({ inputs: input, outputs: cell });
model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });`,
    },
    { name: 'linear output', code: model("tf.layers.dense({ units: 1, activation: 'linear' })", "{ optimizer: 'adam', loss: 'meanSquaredError' }") },
    { name: 'default activation', code: model('tf.layers.dense({ units: 1 })', "{ optimizer: 'sgd', loss: 'meanAbsoluteError' }") },
    { name: 'classifier loss', code: model("tf.layers.dense({ units: 1, activation: 'sigmoid' })", "{ optimizer: 'adam', loss: 'binaryCrossentropy' }") },
    {
      // 0/1 targets, which the sigmoid spans: a classifier with a regression loss (regression-loss-on-classifier).
      name: 'a sigmoid output trained with meanSquaredError while tracking accuracy',
      code: model("tf.layers.dense({ units: 1, activation: 'sigmoid' })", "{ optimizer: 'rmsprop', loss: tf.losses.meanSquaredError, metrics: ['accuracy'] }"),
    },
    {
      name: 'a softmax classifier with the wrong loss is another rule',
      code: model("tf.layers.dense({ units: 3, activation: 'softmax' })", "{ optimizer: 'adam', loss: 'meanSquaredError' }"),
    },
    {
      name: 'sigmoid trained on 0/1 labels is a classifier',
      code: model(
        "tf.layers.dense({ units: 1, activation: 'sigmoid' })",
        "{ optimizer: 'adam', loss: 'meanSquaredError' }",
        '\nconst xs = tf.tensor2d([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]]);\nconst ys = tf.tensor2d([[0], [1], [1], [0]]);\nmodel.fit(xs, ys, { epochs: 100 });',
      ),
    },
    {
      name: 'one-hot labels',
      code: model(
        "tf.layers.dense({ units: 1, activation: 'sigmoid' })",
        "{ optimizer: 'adam', loss: 'meanSquaredError' }",
        '\nexport function train(xs: tf.Tensor, labels: number[]) {\n  return model.fit(xs, tf.oneHot(tf.tensor1d(labels, "int32"), 1));\n}',
      ),
    },
    {
      name: 'activation from a parameter',
      code: `${header}export function build(act: any) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 1, inputShape: [3], activation: act }));
  model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
}`,
    },
    {
      name: 'an autoencoder reconstructs its own inputs',
      code: model(
        "tf.layers.dense({ units: 3, activation: 'sigmoid' })",
        "{ optimizer: 'adam', loss: 'meanSquaredError' }",
        '\nexport const train = (images: tf.Tensor) => model.fit(images, images, { epochs: 10 });',
      ),
    },
    {
      name: 'targets scaled to [0, 1] by 255',
      code: model(
        "tf.layers.dense({ units: 1, activation: 'sigmoid' })",
        "{ optimizer: 'adam', loss: 'meanSquaredError' }",
        '\nexport const train = (xs: tf.Tensor, grey: number[]) => model.fit(xs, tf.tensor2d(grey, [grey.length, 1]).div(255));',
      ),
    },
    {
      name: 'literal targets inside the range of tanh',
      code: model(
        "tf.layers.dense({ units: 1, activation: 'tanh' })",
        "{ optimizer: 'adam', loss: 'meanSquaredError' }",
        '\nmodel.fit(tf.ones([3, 3]), tf.tensor2d([[0.5], [-0.25], [0.9]]));',
      ),
    },
    { name: 'unknown loss', code: `${header}import { loss } from './config';\n${model("tf.layers.dense({ units: 1, activation: 'tanh' })", "{ optimizer: 'adam', loss }").slice(header.length)}` },
    { name: 'tf.losses with a linear output', code: model('tf.layers.dense({ units: 1 })', '{ optimizer: tf.train.adam(0.01), loss: tf.losses.meanSquaredError }') },
    {
      name: 'the model is compiled twice, the regression compile has a linear head',
      code: `${header}const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [3] }));
model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });`,
    },
  ],
  invalid: [
    {
      name: 'targets beyond the sigmoid, accuracy tracked or not',
      code: model("tf.layers.dense({ units: 1, activation: 'sigmoid' })", "{ optimizer: 'adam', loss: 'meanSquaredError', metrics: ['accuracy'] }", '\nmodel.fit(tf.zeros([3, 3]), tf.tensor2d([[3], [10], [25]]));'),
      errors: [
        {
          messageId: 'outOfReach',
          severity: 'error',
          text: "'sigmoid'",
          suggestions: [
            {
              messageId: 'removeActivation',
              output: model('tf.layers.dense({ units: 1 })', "{ optimizer: 'adam', loss: 'meanSquaredError', metrics: ['accuracy'] }", '\nmodel.fit(tf.zeros([3, 3]), tf.tensor2d([[3], [10], [25]]));'),
            },
          ],
        },
      ],
    },
    {
      name: 'sigmoid with meanSquaredError',
      code: model("tf.layers.dense({ units: 1, activation: 'sigmoid' })", "{ optimizer: 'adam', loss: 'meanSquaredError' }"),
      errors: [
        {
          messageId: 'bounded',
          line: 4,
          text: "'sigmoid'",
          severity: 'warning',
          suggestions: [{ messageId: 'removeActivation', output: model('tf.layers.dense({ units: 1 })', "{ optimizer: 'adam', loss: 'meanSquaredError' }") }],
        },
      ],
      output: null,
    },
    {
      name: 'relu with tf.losses.meanSquaredError',
      code: model("tf.layers.dense({ activation: 'relu', units: 1 })", '{ optimizer: tf.train.sgd(0.1), loss: tf.losses.meanSquaredError }'),
      errors: [
        {
          messageId: 'bounded',
          text: "'relu'",
          suggestions: [{ messageId: 'removeActivation', output: model('tf.layers.dense({ units: 1 })', '{ optimizer: tf.train.sgd(0.1), loss: tf.losses.meanSquaredError }') }],
        },
      ],
    },
    {
      name: 'tanh activation layer with meanAbsoluteError',
      code: model("tf.layers.dense({ units: 1 }));\nmodel.add(tf.layers.activation({ activation: 'tanh' })", "{ optimizer: 'adam', loss: 'meanAbsoluteError' }"),
      errors: [
        {
          messageId: 'bounded',
          line: 5,
          text: "'tanh'",
          suggestions: [
            {
              messageId: 'removeActivation',
              output: model("tf.layers.dense({ units: 1 }));\nmodel.add(tf.layers.activation({ activation: 'linear' })", "{ optimizer: 'adam', loss: 'meanAbsoluteError' }"),
            },
          ],
        },
      ],
    },
    {
      name: 'swish bends the output',
      code: `${header}const input = tf.input({ shape: [5] });
const price = tf.layers.dense({ units: 1, activation: 'swish' }).apply(input);
const model = tf.model({ inputs: input, outputs: price });
model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });`,
      errors: [
        {
          messageId: 'bent',
          line: 3,
          text: "'swish'",
          suggestions: [
            {
              messageId: 'removeActivation',
              output: `${header}const input = tf.input({ shape: [5] });
const price = tf.layers.dense({ units: 1 }).apply(input);
const model = tf.model({ inputs: input, outputs: price });
model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });`,
            },
          ],
        },
      ],
    },
    {
      name: 'softmax over a single unit',
      code: model("tf.layers.dense({ units: 1, activation: 'softmax' })", "{ optimizer: 'adam', loss: 'meanSquaredError' }"),
      errors: [
        {
          messageId: 'bounded',
          text: "'softmax'",
          suggestions: [{ messageId: 'removeActivation', output: model('tf.layers.dense({ units: 1 })', "{ optimizer: 'adam', loss: 'meanSquaredError' }") }],
        },
      ],
    },
    {
      name: 'labels that are not classes',
      code: model(
        "tf.layers.dense({ units: 1, activation: 'sigmoid' })",
        "{ optimizer: 'adam', loss: 'meanSquaredError' }",
        '\nconst ys = tf.tensor2d([[0.5], [1.7], [3.2]]);\nmodel.fit(tf.ones([3, 3]), ys);',
      ),
      errors: [
        {
          messageId: 'outOfReach',
          text: "'sigmoid'",
          severity: 'error',
          suggestions: [
            {
              messageId: 'removeActivation',
              output: model('tf.layers.dense({ units: 1 })', "{ optimizer: 'adam', loss: 'meanSquaredError' }", '\nconst ys = tf.tensor2d([[0.5], [1.7], [3.2]]);\nmodel.fit(tf.ones([3, 3]), ys);'),
            },
          ],
        },
      ],
    },
    {
      name: 'the activation property on its own line',
      code: `${header}const model = tf.sequential();
model.add(
  tf.layers.dense({
    units: 1,
    inputShape: [3],
    activation: 'sigmoid',
  }),
);
model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });`,
      errors: [
        {
          messageId: 'bounded',
          line: 7,
          suggestions: [
            {
              messageId: 'removeActivation',
              output: `${header}const model = tf.sequential();
model.add(
  tf.layers.dense({
    units: 1,
    inputShape: [3],
  }),
);
model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });`,
            },
          ],
        },
      ],
    },
  ],
});
