import { RuleTester } from './core/rule-tester';
import rule from './init-activation-mismatch';

const layer = (config: string): string => `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.dense(${config}));`;

new RuleTester().run(rule, {
  valid: [
    { name: 'relu with He', code: layer("{ units: 8, inputShape: [4], activation: 'relu', kernelInitializer: 'heNormal' }") },
    { name: 'relu with the default initializer', code: layer("{ units: 8, inputShape: [4], activation: 'relu' }") },
    { name: 'tanh with Glorot', code: layer("{ units: 8, inputShape: [4], activation: 'tanh', kernelInitializer: 'glorotUniform' }") },
    { name: 'sigmoid with LeCun', code: layer("{ units: 8, inputShape: [4], activation: 'sigmoid', kernelInitializer: 'leCunNormal' }") },
    { name: 'selu with LeCun normal', code: layer("{ units: 8, inputShape: [4], activation: 'selu', kernelInitializer: 'leCunNormal' }") },
    { name: 'a linear layer with He', code: layer("{ units: 8, inputShape: [4], kernelInitializer: 'heNormal' }") },
    { name: 'an initializer computed at run time', code: `${layer("{ units: 8, inputShape: [4], activation: 'relu', kernelInitializer: pick() }")}\ndeclare function pick(): string;` },
    { name: 'a recurrent layer (not checked)', code: layer("{ units: 8, inputShape: [4], activation: 'tanh', kernelInitializer: 'heNormal' }").replace('dense', 'simpleRNN') },
  ],
  invalid: [
    {
      name: 'relu with LeCun normal',
      code: layer("{ units: 8, inputShape: [4], activation: 'relu', kernelInitializer: 'leCunNormal' }"),
      errors: [
        {
          messageId: 'reluWithLeCun',
          text: "'leCunNormal'",
          severity: 'info',
          suggestions: [{ messageId: 'useInitializer', output: layer("{ units: 8, inputShape: [4], activation: 'relu', kernelInitializer: 'heNormal' }") }],
        },
      ],
    },
    {
      name: 'tanh with He uniform, written as an initializer object',
      code: layer("{ units: 8, inputShape: [4], activation: 'tanh', kernelInitializer: tf.initializers.heUniform({}) }"),
      errors: [{ messageId: 'saturatingWithHe', text: 'tf.initializers.heUniform({})', suggestions: [] }],
    },
    {
      name: 'sigmoid with He normal',
      code: layer("{ units: 1, inputShape: [4], activation: 'sigmoid', kernelInitializer: \"heNormal\" }"),
      errors: [{ messageId: 'saturatingWithHe', suggestions: [{ messageId: 'useInitializer', output: layer("{ units: 1, inputShape: [4], activation: 'sigmoid', kernelInitializer: \"glorotNormal\" }") }] }],
    },
    {
      name: 'selu with the default initializer',
      code: layer("{ units: 8, inputShape: [4], activation: 'selu' }"),
      errors: [
        {
          messageId: 'seluWithoutLeCun',
          text: "'selu'",
          suggestions: [{ messageId: 'useInitializer', output: layer("{ units: 8, inputShape: [4], activation: 'selu', kernelInitializer: 'leCunNormal' }") }],
        },
      ],
    },
  ],
});
