import rule from './batch-size-extreme';
import { RuleTester } from './core/rule-tester';

const fit = (options: string): string => `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [3] }));
model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
export const go = (x: tf.Tensor, y: tf.Tensor) => model.fit(x, y, ${options});`;

new RuleTester().run(rule, {
  valid: [
    { name: 'usual batch', code: fit('{ epochs: 5, batchSize: 32 }') },
    { name: 'large batch', code: fit('{ epochs: 5, batchSize: 2048 }') },
    { name: 'batch size unknown', code: `import { BATCH } from './config';\n${fit('{ epochs: 5, batchSize: BATCH }')}` },
  ],
  invalid: [
    { name: 'zero', code: fit('{ epochs: 5, batchSize: 0 }'), errors: [{ messageId: 'invalid', text: '0', severity: 'error' }] },
    { name: 'a fraction', code: fit('{ epochs: 5, batchSize: 32 / 3 }'), errors: [{ messageId: 'invalid', text: '32 / 3' }] },
    { name: 'one', code: fit('{ epochs: 5, batchSize: 1 }'), errors: [{ messageId: 'single', severity: 'info' }] },
  ],
});
