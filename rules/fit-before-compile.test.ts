import { RuleTester } from './core/rule-tester';
import rule from './fit-before-compile';

const header = `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [2] }));
`;

new RuleTester().run(rule, {
  valid: [
    { name: 'compiled first', code: `${header}model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });\nmodel.fit(tf.ones([4, 2]), tf.ones([4, 1]), { epochs: 5 });` },
    { name: 'compiled on some path', code: `${header}export async function go(fast: boolean) {\n  if (fast) model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });\n  else model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });\n  await model.fit(tf.ones([4, 2]), tf.ones([4, 1]), { epochs: 5 });\n}` },
    { name: 'handed to other code first', code: `${header}import { prepare } from 'trainer';\nprepare(model);\nmodel.fit(tf.ones([4, 2]), tf.ones([4, 1]), { epochs: 5 });` },
    { name: 'a loaded model', code: "import * as tf from '@tensorflow/tfjs';\nexport async function tune(x: tf.Tensor, y: tf.Tensor) {\n  const model = await tf.loadLayersModel('model.json');\n  await model.fit(x, y, { epochs: 1 });\n}" },
    { name: 'trained in an event handler', code: `${header}document.getElementById('go')!.onclick = () => model.fit(tf.ones([4, 2]), tf.ones([4, 1]), { epochs: 5 });` },
    {
      // Three buttons' functions nothing in the code calls: the order the user clicks them is not known.
      name: 'built, trained and compiled in functions nothing calls, in any order',
      code: "import * as tf from '@tensorflow/tfjs';\nlet model;\nexport function build() {\n  model = tf.sequential();\n  model.add(tf.layers.dense({ units: 1, inputShape: [2] }));\n}\nexport async function train() {\n  await model.fit(tf.ones([4, 2]), tf.ones([4, 1]), { epochs: 5 });\n}\nexport function prepare() {\n  model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });\n}",
    },
  ],
  invalid: [
    {
      name: 'never compiled',
      code: `${header}model.fit(tf.ones([4, 2]), tf.ones([4, 1]), { epochs: 5 });`,
      errors: [{ messageId: 'notCompiled', line: 4, severity: 'error' }],
    },
    {
      name: 'compiled too late',
      code: `${header}export async function go() {\n  await model.fit(tf.ones([4, 2]), tf.ones([4, 1]), { epochs: 5 });\n  model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });\n}\ngo();`,
      errors: [{ messageId: 'notCompiled', line: 5 }],
    },
    {
      name: 'a function nothing calls builds and trains the model without compiling it',
      code: "import * as tf from '@tensorflow/tfjs';\nlet model;\nexport async function buildAndTrain() {\n  model = tf.sequential();\n  model.add(tf.layers.dense({ units: 1, inputShape: [2] }));\n  await model.fit(tf.ones([4, 2]), tf.ones([4, 1]), { epochs: 5 });\n}",
      errors: [{ messageId: 'notCompiled', line: 6 }],
    },
  ],
});
