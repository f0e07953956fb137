/** A training step that throws on the script's own data is the model's failure, with tfjs's reason. */
import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import type { Batch } from './batch';
import { firstStepFailure } from './check';
import { checkModel, FirstStepError } from './engine';
import type { LayersModel } from './tf';

function classifier(loss: string): LayersModel {
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 8, inputShape: [4], activation: 'relu' }), tf.layers.dense({ units: 3, activation: 'softmax' })] });
  model.compile({ optimizer: 'adam', loss });
  return model;
}

const inputs = () => tf.randomUniform([9, 4]);
const options = { steps: 20, mode: 'execute', modelName: 'model', backend: 'cpu' } as const;

describe('a first training step that throws', () => {
  before(async () => {
    await tf.setBackend('cpu');
  });

  it('int32 class ids with sparseCategoricalCrossentropy: the step throws, and the cause says to use float32 labels', async () => {
    const model = classifier('sparseCategoricalCrossentropy');
    const batch: Batch = { xs: [inputs()], ys: [tf.tensor1d([0, 1, 2, 0, 1, 2, 0, 1, 2], 'int32')], source: 'captured', size: 9 };
    const thrown = await checkModel(tf, model, batch, options).then(
      () => undefined,
      (error: unknown) => error,
    );
    assert.ok(thrown instanceof FirstStepError, String(thrown));
    const cause = firstStepFailure(thrown, model, batch, { method: 'fit', file: '/project/train.js', line: 12 });
    assert.equal(cause.id, 'training-step-throws');
    assert.equal(cause.severity, 'error');
    assert.deepEqual([cause.file, cause.line], ['/project/train.js', 12]);
    assert.match(cause.message, /^fit throws on its first training step: Argument 'x' passed to 'floor' must be float32 tensor, but got int32 tensor\. The labels are an int32 tensor, and the loss \(sparseCategoricalCrossentropy\) needs float32/);
  });

  it('the same labels as float32 train: nothing throws', async () => {
    const model = classifier('sparseCategoricalCrossentropy');
    const batch: Batch = { xs: [inputs()], ys: [tf.tensor1d([0, 1, 2, 0, 1, 2, 0, 1, 2])], source: 'captured', size: 9 };
    const result = await checkModel(tf, model, batch, options);
    assert.ok(result.steps > 0);
  });

  it('a step that throws after training began is not the first step', async () => {
    const model = classifier('categoricalCrossentropy');
    const batch: Batch = { xs: [inputs()], ys: [tf.oneHot(tf.tensor1d([0, 1, 2, 0, 1, 2, 0, 1, 2], 'int32'), 3).toFloat()], source: 'captured', size: 9 };
    let steps = 0;
    const thrown = await checkModel(tf, model, batch, {
      ...options,
      onProgress: () => {
        if (++steps === 3) throw new Error('stopped from outside');
      },
    }).then(
      () => undefined,
      (error: unknown) => error,
    );
    assert.ok(thrown instanceof Error && !(thrown instanceof FirstStepError), String(thrown));
  });
});
