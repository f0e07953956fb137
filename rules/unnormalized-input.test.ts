import { RuleTester } from './core/rule-tester';
import rule from './unnormalized-input';

const header = `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.conv2d({ inputShape: [224, 224, 3], filters: 8, kernelSize: 3, activation: 'relu' }));
model.add(tf.layers.flatten());
model.add(tf.layers.dense({ units: 2, activation: 'softmax' }));
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
`;

new RuleTester().run(rule, {
  valid: [
    { name: 'scaled pixels', code: `${header}export const classify = (image: HTMLImageElement) => model.predict(tf.browser.fromPixels(image).toFloat().div(255).expandDims());` },
    { name: 'scaled with sub and div', code: `${header}export const classify = (image: HTMLImageElement) => model.predict(tf.browser.fromPixels(image).toFloat().sub(127.5).div(127.5).expandDims());` },
    { name: 'small literal data', code: `${header.replace("conv2d({ inputShape: [224, 224, 3], filters: 8, kernelSize: 3, activation: 'relu' })", "dense({ units: 4, inputShape: [2] })").replace('model.add(tf.layers.flatten());\n', '')}model.fit(tf.tensor2d([[0.5, 1], [2, 3]]), tf.tensor2d([[1, 0], [0, 1]]), { epochs: 5 });` },
    {
      name: 'word ids into an embedding',
      code: `import * as tf from '@tensorflow/tfjs';\nconst model = tf.sequential();\nmodel.add(tf.layers.embedding({ inputDim: 5000, outputDim: 8, inputLength: 3 }));\nmodel.add(tf.layers.flatten());\nmodel.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));\nmodel.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });\nmodel.fit(tf.tensor2d([[12, 305, 4120]]), tf.tensor2d([[1]]), { epochs: 5 });`,
    },
  ],
  invalid: [
    {
      name: 'raw pixels at prediction',
      code: `${header}export const classify = (image: HTMLImageElement) => model.predict(tf.browser.fromPixels(image).toFloat().expandDims());`,
      errors: [{ messageId: 'rawPixels', text: 'tf.browser.fromPixels(image)', severity: 'warning' }],
    },
    {
      name: 'raw pixels in training, stacked',
      code: `${header}export const train = (cat: HTMLImageElement, dog: HTMLImageElement, labels: tf.Tensor) => model.fit(tf.stack([tf.browser.fromPixels(cat), tf.browser.fromPixels(dog)]), labels, { epochs: 5 });`,
      errors: [{ messageId: 'rawPixels', text: 'tf.browser.fromPixels(cat)' }],
    },
    {
      name: 'large literal features',
      code: `import * as tf from '@tensorflow/tfjs';\nconst model = tf.sequential();\nmodel.add(tf.layers.dense({ units: 1, inputShape: [2] }));\nmodel.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });\nmodel.fit(tf.tensor2d([[2104, 3], [1600, 3], [2400, 3]]), tf.tensor2d([[399], [329], [369]]), { epochs: 50 });`,
      errors: [{ messageId: 'largeValues', text: 'tf.tensor2d([[2104, 3], [1600, 3], [2400, 3]])' }],
    },
  ],
});
