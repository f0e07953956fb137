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
    { name: 'log of raw scores', code: `${model('')}export const logp = (x: tf.Tensor) => tf.log(model.predict(x) as tf.Tensor);`, errors: [{ messageId: 'logOfScores', suggestions: [] }] },
  ],
});
