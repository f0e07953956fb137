import { RuleTester } from './core/rule-tester';
import rule from './minimize-weights-as-return-cost';

const header = `import * as tf from '@tensorflow/tfjs';
const actor = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [3], activation: 'tanh' })] });
const critic = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1] })] });
const optimizer = tf.train.adam(0.001);
`;

const actorLoss = '() => (critic.apply(actor.apply(states)) as tf.Tensor).mean().neg() as tf.Scalar';

new RuleTester().run(rule, {
  valid: [
    { name: 'the list given third', code: `${header}export const step = (states: tf.Tensor) => optimizer.minimize(${actorLoss}, true, actor.getWeights() as tf.Variable[]);` },
    { name: 'returnCost as a boolean', code: `${header}export const step = (states: tf.Tensor) => optimizer.minimize(${actorLoss}, true);` },
    { name: 'a returnCost the analysis cannot read', code: `${header}export const step = (states: tf.Tensor, keep: boolean) => optimizer.minimize(${actorLoss}, keep);` },
  ],
  invalid: [
    {
      name: "an actor's weights in the place of returnCost: the critic trains too",
      code: `${header}export const step = (states: tf.Tensor) => optimizer.minimize(${actorLoss}, actor.getWeights() as never);`,
      errors: [
        {
          messageId: 'trainsOthers',
          text: 'actor.getWeights() as never',
          severity: 'warning',
          message: /also reaches 'critic'/,
          suggestions: [{ messageId: 'passAsVarList', output: `${header}export const step = (states: tf.Tensor) => optimizer.minimize(${actorLoss}, true, actor.getWeights() as never);` }],
        },
      ],
    },
    {
      name: 'a frozen critic: only the listed weights move, the list is still ignored',
      code: `${header}critic.trainable = false;\nexport const step = (states: tf.Tensor) => optimizer.minimize(${actorLoss}, actor.trainableWeights.map((w) => w.read()) as never);`,
      errors: [
        {
          messageId: 'listIgnored',
          severity: 'info',
          suggestions: [{ messageId: 'passAsVarList', output: `${header}critic.trainable = false;\nexport const step = (states: tf.Tensor) => optimizer.minimize(${actorLoss}, true, actor.trainableWeights.map((w) => w.read()) as never);` }],
        },
      ],
    },
  ],
});
