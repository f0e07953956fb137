import { RuleTester } from './core/rule-tester';
import rule from './data-sync-in-loss';

const header = `import * as tf from '@tensorflow/tfjs';
const xs = tf.tensor1d([1, 2, 3]);
const ys = tf.tensor1d([2, 4, 6]);
const w = tf.variable(tf.scalar(0.5));
const optimizer = tf.train.adam(0.01);
`;

const policy = `import * as tf from '@tensorflow/tfjs';
const policy = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [4] })] });
const optimizer = tf.train.adam(0.01);
`;

new RuleTester().run(rule, {
  valid: [
    { name: 'reading the loss minimize returns', code: `${header}const loss = optimizer.minimize(() => w.mul(xs).sub(ys).square().mean(), true);\nconsole.log(loss!.dataSync()[0]);` },
    { name: 'reading values outside the loss function', code: `${header}export function report() { console.log(w.dataSync()); }` },
    { name: 'an async read after the step', code: `${header}export async function step() {\n  const loss = optimizer.minimize(() => w.mul(xs).sub(ys).square().mean(), true)!;\n  return (await loss.data())[0];\n}` },
    {
      name: 'logging the loss inside minimize: the loss still reaches the weights',
      code: `${header}optimizer.minimize(() => {\n  const loss = w.mul(xs).sub(ys).square().mean() as tf.Scalar;\n  console.log('loss', loss.dataSync()[0]);\n  return loss;\n});`,
    },
    {
      name: 'a read that decides whether to warn',
      code: `${header}export const grads = tf.variableGrads(() => {\n  if (w.dataSync()[0]! > 10) console.warn('large weight');\n  return w.square().mean() as tf.Scalar;\n});`,
    },
    {
      // REINFORCE (tfjs-examples cart-pole): the sampled actions become constant labels; the logits keep the gradient.
      name: 'labels built from sampled actions',
      code: `${policy}export function step(inputs: tf.Tensor2D) {\n  return tf.variableGrads(() => {\n    const logits = policy.predict(inputs) as tf.Tensor2D;\n    const actions = tf.multinomial(tf.concat([tf.sigmoid(logits), tf.sub(1, tf.sigmoid(logits))], 1) as tf.Tensor2D, 1);\n    const labels = tf.sub(1, tf.tensor2d(actions.dataSync(), actions.shape as [number, number]));\n    return tf.losses.sigmoidCrossEntropy(labels, logits) as tf.Scalar;\n  });\n}`,
    },
    {
      name: 'a mask read back from the predictions',
      code: `${policy}export function step(inputs: tf.Tensor2D, targets: tf.Tensor2D) {\n  optimizer.minimize(() => {\n    const predictions = policy.apply(inputs, { training: true }) as tf.Tensor2D;\n    const mask = tf.tensor2d(predictions.greater(0).dataSync(), [4, 1]);\n    return predictions.sub(targets).mul(mask).square().mean() as tf.Scalar;\n  });\n}`,
    },
    {
      name: 'a loss computed from a parameter the analysis cannot see',
      code: `${header}export function step(other: tf.Tensor) {\n  optimizer.minimize(() => {\n    const scale = w.dataSync()[0]!;\n    return other.mul(scale).mean() as tf.Scalar;\n  });\n}`,
    },
  ],
  invalid: [
    {
      name: 'a loss rebuilt from read values',
      code: `${header}optimizer.minimize(() => {\n  const error = w.mul(xs).sub(ys).abs().mean().arraySync() as number;\n  return tf.scalar(error * error);\n});`,
      errors: [{ messageId: 'readInGradient', text: 'w.mul(xs).sub(ys).abs().mean().arraySync()', severity: 'warning' }],
    },
    {
      name: 'inside a custom loss given to compile',
      code: `${header}const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1] })] });\nmodel.compile({ optimizer: 'adam', loss: (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.scalar(yPred.sub(yTrue).square().mean().dataSync()[0]!) });`,
      errors: [{ messageId: 'readInGradient', text: 'yPred.sub(yTrue).square().mean().dataSync()' }],
    },
    {
      name: 'the model output read back and turned into labels and predictions alike',
      code: `${policy}export function step(inputs: tf.Tensor2D) {\n  return tf.variableGrads(() => {\n    const values = (policy.predict(inputs) as tf.Tensor).dataSync();\n    const predictions = tf.tensor1d(values);\n    return tf.losses.meanSquaredError(tf.onesLike(predictions), predictions) as tf.Scalar;\n  });\n}`,
      errors: [{ messageId: 'readInGradient', text: '(policy.predict(inputs) as tf.Tensor).dataSync()' }],
    },
  ],
});
