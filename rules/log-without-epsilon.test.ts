import { RuleTester } from './core/rule-tester';
import rule from './log-without-epsilon';

const header = "import * as tf from '@tensorflow/tfjs';\n";
const model = (activation: string): string => `${header}const model = tf.sequential();\nmodel.add(tf.layers.dense({ units: 3, inputShape: [4]${activation} }));\n`;

new RuleTester().run(rule, {
  valid: [
    { name: 'clipped first', code: `${model(", activation: 'softmax'")}export const logp = (x: tf.Tensor) => tf.log((model.predict(x) as tf.Tensor).clipByValue(1e-7, 1));` },
    { name: 'epsilon added', code: `${model(", activation: 'softmax'")}export const logp = (x: tf.Tensor) => tf.log((model.predict(x) as tf.Tensor).add(1e-7));` },
    { name: 'log of softmax is another rule', code: `${header}export const logp = (z: tf.Tensor) => tf.log(tf.softmax(z));` },
    { name: 'unknown input', code: `${header}export const logp = (p: tf.Tensor) => tf.log(p);` },
    { name: 'epsilon added to a sigmoid', code: `${header}export const logp = (z: tf.Tensor) => tf.log(tf.sigmoid(z).add(1e-7));` },
    { name: 'squares shifted by an epsilon', code: `${header}export const logNorm = (x: tf.Tensor) => tf.log(x.square().sum().add(1e-8));` },
    { name: 'log-probabilities as logits for sampling', code: `${model(", activation: 'softmax'")}export const sample = (x: tf.Tensor) => tf.multinomial(tf.log((model.predict(x) as tf.Tensor).squeeze()) as tf.Tensor1D, 1);` },
    { name: 'known positive data', code: `${header}export const logs = tf.tensor1d([1, 10, 100]).log();` },
    { name: 'shifted by one', code: `${header}export const logs = tf.log1p(tf.randomUniform([4], 0, 1)).add(tf.log(tf.randomUniform([4], 0, 1).add(1)));` },
  ],
  invalid: [
    {
      name: 'log of model probabilities',
      code: `${model(", activation: 'softmax'")}export const logp = (x: tf.Tensor) => tf.log(model.predict(x) as tf.Tensor);`,
      errors: [
        {
          messageId: 'logOfProbabilities',
          text: 'tf.log(model.predict(x) as tf.Tensor)',
          severity: 'warning',
          suggestions: [{ messageId: 'clip', output: `${model(", activation: 'softmax'")}export const logp = (x: tf.Tensor) => tf.log((model.predict(x) as tf.Tensor).clipByValue(1e-7, 1));` }],
        },
      ],
    },
    {
      name: 'log of a sigmoid',
      code: `${header}export const logp = (z: tf.Tensor) => tf.sigmoid(z).log();`,
      errors: [{ messageId: 'logOfProbabilities', suggestions: [{ messageId: 'clip', output: `${header}export const logp = (z: tf.Tensor) => tf.sigmoid(z).clipByValue(1e-7, 1).log();` }] }],
    },
    {
      name: 'literal data with a zero',
      code: `${header}export const logs = tf.tensor1d([0, 10, 100]).log();`,
      errors: [{ messageId: 'logOfZero', text: 'tf.tensor1d([0, 10, 100]).log()', severity: 'error' }],
    },
    {
      name: 'uniform noise that can be exactly 0, in a loss',
      code: `${header}const optimizer = tf.train.adam();\nexport const step = (w: tf.Variable) => optimizer.minimize(() => tf.log(tf.randomUniform([8, 4])).neg().mul(w).sum());`,
      errors: [{ messageId: 'logOfRange', text: 'tf.log(tf.randomUniform([8, 4]))', severity: 'warning' }],
    },
    { name: 'log of raw scores', code: `${model('')}export const logp = (x: tf.Tensor) => tf.log(model.predict(x) as tf.Tensor);`, errors: [{ messageId: 'logOfScores', suggestions: [] }] },
  ],
});
