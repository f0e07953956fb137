import { RuleTester } from './core/rule-tester';
import rule from './unknown-initializer';

const layer = (config: string): string => `import * as tf from '@tensorflow/tfjs';
export const hidden = tf.layers.dense(${config});`;

new RuleTester().run(rule, {
  valid: [
    { name: 'camelCase names', code: layer("{ units: 8, kernelInitializer: 'heNormal', biasInitializer: 'zeros' }") },
    { name: 'class names', code: layer("{ units: 8, kernelInitializer: 'GlorotUniform' }") },
    { name: 'initializer objects', code: layer('{ units: 8, kernelInitializer: tf.initializers.varianceScaling({ scale: 2 }) }') },
  ],
  invalid: [
    {
      name: 'Keras snake case',
      code: layer("{ units: 8, kernelInitializer: 'he_normal' }"),
      errors: [{ messageId: 'unknownInitializerWithReplacement', text: "'he_normal'", severity: 'error' }],
      output: layer("{ units: 8, kernelInitializer: 'heNormal' }"),
      fixMessageId: 'useName',
    },
    {
      name: 'another common name for Glorot',
      code: layer("{ units: 8, kernelInitializer: 'xavier' }"),
      errors: [{ messageId: 'unknownInitializerWithReplacement' }],
      output: layer("{ units: 8, kernelInitializer: 'glorotUniform' }"),
    },
    {
      name: 'wrong case on a bias initializer',
      code: layer("{ units: 8, biasInitializer: 'lecunNormal' }"),
      errors: [{ messageId: 'unknownInitializerWithReplacement', text: "'lecunNormal'" }],
      output: layer("{ units: 8, biasInitializer: 'leCunNormal' }"),
    },
    {
      name: 'nothing close',
      code: layer("{ units: 8, kernelInitializer: 'uniformish' }"),
      errors: [{ messageId: 'unknownInitializer' }],
      output: null,
    },
  ],
});
