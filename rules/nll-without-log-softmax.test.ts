import { RuleTester } from './core/rule-tester';
import rule from './nll-without-log-softmax';

const header = "import * as tf from '@tensorflow/tfjs';\n";

const softmaxModel = `${header}const model = tf.sequential();
model.add(tf.layers.dense({ units: 16, inputShape: [4], activation: 'relu' }));
model.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
`;

const logitsModel = `${header}const model = tf.sequential();
model.add(tf.layers.dense({ units: 16, inputShape: [4], activation: 'relu' }));
model.add(tf.layers.dense({ units: 3 }));
const optimizer = tf.train.adam(0.01);
`;

new RuleTester().run(rule, {
  valid: [
    {
      name: 'log of the probabilities',
      code: `${softmaxModel}model.compile({ optimizer: 'adam', loss: (yTrue, yPred) => tf.neg(tf.sum(tf.mul(yTrue, tf.log(yPred)))) });`,
    },
    {
      name: 'logSoftmax of the logits in a custom loop',
      code: `${logitsModel}export function step(xs: tf.Tensor, ys: tf.Tensor) {
  optimizer.minimize(() => tf.neg(tf.mean(tf.sum(ys.mul(tf.logSoftmax(model.predict(xs) as tf.Tensor)), 1))) as tf.Scalar);
}`,
    },
    {
      name: 'the model already ends in logSoftmax',
      code: `${header}const model = tf.sequential();
model.add(tf.layers.dense({ units: 3, inputShape: [4], activation: 'logSoftmax' }));
export const loss = (xs: tf.Tensor, labels: tf.Tensor) => tf.neg(tf.mean(tf.sum(tf.mul(labels, model.predict(xs) as tf.Tensor), 1)));`,
    },
    {
      name: 'a negated dot product that is not a likelihood',
      code: `${header}export const score = (x: tf.Tensor, w: tf.Tensor) => tf.neg(tf.sum(tf.mul(x, w)));`,
    },
    {
      name: 'no negation: an expected value, not a loss',
      code: `${softmaxModel}export const expected = (xs: tf.Tensor, ys: tf.Tensor) => tf.sum(tf.mul(ys, model.predict(xs) as tf.Tensor));`,
    },
    {
      name: 'predictions of unknown origin',
      code: `${header}export const nll = (ys: tf.Tensor, preds: tf.Tensor) => tf.neg(tf.sum(tf.mul(ys, preds)));`,
    },
    {
      name: 'the library loss on logits',
      code: `${logitsModel}export const loss = (xs: tf.Tensor, ys: tf.Tensor) => tf.losses.softmaxCrossEntropy(ys, model.predict(xs) as tf.Tensor);`,
    },
  ],
  invalid: [
    {
      name: 'custom compile loss on softmax probabilities',
      code: `${softmaxModel}model.compile({ optimizer: 'adam', loss: (yTrue, yPred) => tf.neg(tf.sum(tf.mul(yTrue, yPred))) });`,
      errors: [
        {
          messageId: 'nllOnProbabilities',
          line: 5,
          text: 'tf.mul(yTrue, yPred)',
          severity: 'error',
          suggestions: [
            {
              messageId: 'takeLog',
              output: `${softmaxModel}model.compile({ optimizer: 'adam', loss: (yTrue, yPred) => tf.neg(tf.sum(tf.mul(yTrue, yPred.clipByValue(1e-7, 1).log()))) });`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'custom loop on logits, method chain',
      code: `${logitsModel}export function step(xs: tf.Tensor, ys: tf.Tensor) {
  optimizer.minimize(() => {
    const logits = model.predict(xs) as tf.Tensor;
    return ys.mul(logits).sum(1).mean().neg() as tf.Scalar;
  });
}`,
      errors: [
        {
          messageId: 'nllOnLogits',
          line: 9,
          text: 'ys.mul(logits)',
          suggestions: [
            {
              messageId: 'applyLogSoftmax',
              output: `${logitsModel}export function step(xs: tf.Tensor, ys: tf.Tensor) {
  optimizer.minimize(() => {
    const logits = model.predict(xs) as tf.Tensor;
    return ys.mul(logits.logSoftmax()).sum(1).mean().neg() as tf.Scalar;
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'logits from matMul, negated by multiplying with -1',
      code: `${header}export function loss(x: tf.Tensor, w: tf.Tensor, b: tf.Tensor, labels: tf.Tensor) {
  const logits = tf.matMul(x, w).add(b);
  return tf.sum(tf.mul(labels, logits)).mul(-1);
}`,
      errors: [
        {
          messageId: 'nllOnLogits',
          line: 4,
          text: 'tf.mul(labels, logits)',
          suggestions: [
            {
              messageId: 'applyLogSoftmax',
              output: `${header}export function loss(x: tf.Tensor, w: tf.Tensor, b: tf.Tensor, labels: tf.Tensor) {
  const logits = tf.matMul(x, w).add(b);
  return tf.sum(tf.mul(labels, logits.logSoftmax())).mul(-1);
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'log of softmax, function form',
      code: `${header}export const logProbs = (z: tf.Tensor) => tf.log(tf.softmax(z));`,
      errors: [{ messageId: 'logOfSoftmax', text: 'tf.log(tf.softmax(z))', severity: 'error' }],
      fixMessageId: 'useLogSoftmax',
      output: `${header}export const logProbs = (z: tf.Tensor) => tf.logSoftmax(z);`,
    },
    {
      name: 'log of softmax, method form',
      code: `${header}export const logProbs = (z: tf.Tensor) => z.softmax().log();`,
      errors: [{ messageId: 'logOfSoftmax', text: 'z.softmax().log()' }],
      output: `${header}export const logProbs = (z: tf.Tensor) => z.logSoftmax();`,
    },
    {
      name: 'log of softmax with an axis',
      code: `${header}export const logProbs = (z: tf.Tensor) => tf.log(tf.softmax(z, -1));`,
      errors: [{ messageId: 'logOfSoftmax' }],
      output: `${header}export const logProbs = (z: tf.Tensor) => tf.logSoftmax(z, -1);`,
    },
  ],
});
