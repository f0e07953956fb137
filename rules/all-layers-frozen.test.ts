import rule from './all-layers-frozen';
import { RuleTester } from './core/rule-tester';

const header = "import * as tf from '@tensorflow/tfjs';\n";

/** A GAN: the discriminator is compiled, frozen, and applied inside the combined model compiled next. */
const gan = (discriminatorLayers: string, step: string): string => `${header}const discriminator = tf.sequential({ layers: [${discriminatorLayers}] });
discriminator.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
const generator = tf.sequential({ layers: [tf.layers.dense({ units: 4, inputShape: [2] })] });
discriminator.trainable = false;
const noise = tf.input({ shape: [2] });
const combined = tf.model({ inputs: noise, outputs: discriminator.apply(generator.apply(noise)) as tf.SymbolicTensor });
combined.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
export async function train(real: tf.Tensor, z: tf.Tensor) {
${step}
}`;

const flat = "tf.layers.dense({ units: 8, inputShape: [4], activation: 'relu' }), tf.layers.dense({ units: 1, activation: 'sigmoid' })";

new RuleTester().run(rule, {
  valid: [
    { name: 'one layer frozen', code: `${header}const model = tf.sequential({ layers: [tf.layers.dense({ units: 8, inputShape: [4], trainable: false }), tf.layers.dense({ units: 1 })] });\nmodel.compile({ optimizer: 'adam', loss: 'meanSquaredError' });\nmodel.fit(tf.ones([2, 4]), tf.ones([2, 1]), { epochs: 5 });` },
    { name: 'frozen for inference only', code: `${header}const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [4] })] });\nmodel.trainable = false;\nexport const predict = (x: tf.Tensor) => model.predict(x);` },
    {
      name: 'GAN: the discriminator unfrozen for its own step',
      code: gan(flat, `  discriminator.trainable = true;\n  await discriminator.trainOnBatch(real, tf.ones([4, 1]));\n  discriminator.trainable = false;\n  await combined.trainOnBatch(z, tf.ones([4, 1]));`),
    },
    {
      // tfjs-examples mnist-acgan: model.trainable = false freezes the variables of the model's own
      // layers only; those of a model nested in it as a layer (the convolutional trunk) keep training.
      name: 'GAN: a discriminator whose trunk is a nested model',
      code: `${header}const trunk = tf.sequential({ layers: [tf.layers.dense({ units: 8, inputShape: [4], activation: 'relu' })] });
const image = tf.input({ shape: [4] });
const score = tf.layers.dense({ units: 1, activation: 'sigmoid' }).apply(trunk.apply(image) as tf.SymbolicTensor) as tf.SymbolicTensor;
const discriminator = tf.model({ inputs: image, outputs: score });
discriminator.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
discriminator.trainable = false;
export const step = (real: tf.Tensor) => discriminator.trainOnBatch(real, tf.ones([4, 1]));`,
    },
    {
      name: 'frozen on some paths only',
      code: `${header}const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [4] })] });\nmodel.compile({ optimizer: 'adam', loss: 'meanSquaredError' });\nexport function train(freeze: boolean) {\n  if (freeze) model.trainable = false;\n  return model.fit(tf.ones([2, 4]), tf.ones([2, 1]));\n}`,
    },
    {
      name: 'a layer tfjs-doctor does not know',
      code: `${header}const model = tf.sequential({ layers: [tf.layers.dense({ units: 8, inputShape: [4], trainable: false }), tf.layers.someCustomLayer({ units: 1 })] });\nmodel.compile({ optimizer: 'adam', loss: 'meanSquaredError' });\nmodel.fit(tf.ones([2, 4]), tf.ones([2, 1]));`,
    },
  ],
  invalid: [
    {
      name: 'model frozen then trained',
      code: `${header}const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [4] })] });\nmodel.compile({ optimizer: 'adam', loss: 'meanSquaredError' });\nmodel.trainable = false;\nmodel.fit(tf.ones([2, 4]), tf.ones([2, 1]), { epochs: 5 });`,
      errors: [{ messageId: 'frozenModel', text: 'model.trainable = false', severity: 'error' }],
    },
    {
      name: 'every layer frozen',
      code: `${header}const model = tf.sequential({ layers: [tf.layers.dense({ units: 8, inputShape: [4], trainable: false }), tf.layers.dense({ units: 1, trainable: false })] });\nmodel.compile({ optimizer: 'adam', loss: 'meanSquaredError' });\nmodel.fit(tf.ones([2, 4]), tf.ones([2, 1]), { epochs: 5 });`,
      errors: [{ messageId: 'frozenLayers', line: 2 }],
    },
    {
      name: 'each layer frozen one by one',
      code: `${header}const first = tf.layers.dense({ units: 8, inputShape: [4] });\nconst second = tf.layers.dense({ units: 1 });\nconst model = tf.sequential({ layers: [first, tf.layers.dropout({ rate: 0.2 }), second] });\nmodel.compile({ optimizer: 'adam', loss: 'meanSquaredError' });\nfirst.trainable = false;\nsecond.trainable = false;\nmodel.fit(tf.ones([2, 4]), tf.ones([2, 1]));`,
      errors: [{ messageId: 'frozenEachLayer', text: 'second.trainable = false' }],
    },
    {
      // tfjs 4.x: the flags of the discriminator's variables are false when its own step runs, and
      // variableGrads drops them: "none of the 4 variables is trainable".
      name: 'GAN: a flat discriminator left frozen for its own step',
      code: gan(flat, `  await discriminator.trainOnBatch(real, tf.ones([4, 1]));\n  await combined.trainOnBatch(z, tf.ones([4, 1]));`),
      errors: [{ messageId: 'frozenModel', text: 'discriminator.trainable = false', line: 5 }],
    },
  ],
});
