/**
 * Models that cannot train at all fail with the reason, not as a check that could not run: tfjs
 * refuses the layers or the compile as the code writes them, a layer's output is empty, or the first
 * training step throws on a batch shaped as any data for the model must be.
 */
import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { runRequest } from './check';
import type { Tf } from './tf';
import type { LayerSpec, ModelSpec, ModelTarget, OverfitResult } from './types';

const FILE = '/project/model.js';

function target(layers: LayerSpec[], compile: ModelSpec['compile'], notes?: string[]): ModelTarget {
  return { name: 'model', file: FILE, line: 3, spec: { kind: 'sequential', layers, compile, ...(notes ? { notes } : {}) } };
}

function check(modelTarget: ModelTarget): Promise<OverfitResult> {
  return runRequest({ tf: tf as unknown as Tf, backend: 'cpu', notes: [] }, { file: FILE, mode: 'static', targets: [modelTarget], batchSize: 16, steps: 5, searchPaths: [] }, {
    send: () => undefined,
    loadEsbuild: () => assert.fail('static mode runs nothing'),
    scratchDir: '/nonexistent',
  });
}

const dense = (config: Record<string, unknown>, line: number): LayerSpec => ({ factory: 'dense', config: config as never, line });
const adamMse = { optimizer: 'adam', loss: 'meanSquaredError' };

describe('a model that cannot train at all', () => {
  before(async () => {
    await tf.setBackend('cpu');
  });

  it('tfjs refuses the first layer of a sequential model without an input shape: fail, model-rejected', async () => {
    const result = await check(target([dense({ units: 8 }, 4), dense({ units: 1 }, 5)], adamMse));
    assert.equal(result.verdict, 'fail');
    assert.equal(result.steps, 0);
    assert.equal(result.causes[0]?.id, 'model-rejected');
    assert.match(result.causes[0]!.message, /^tfjs cannot build the model: The first layer in a Sequential model must get an `inputShape`/);
  });

  it('tfjs refuses an optimizer name it does not know: fail, model-rejected', async () => {
    const result = await check(target([dense({ units: 1, inputShape: [3] }, 4)], { optimizer: 'momentum', loss: 'meanSquaredError' }));
    assert.equal(result.verdict, 'fail');
    assert.match(result.causes[0]?.message ?? '', /Unknown Optimizer momentum/);
  });

  it('a refusal of what the build filled in (an input size from the data, a stand-in) is the check\'s, not the code\'s: no verdict', async () => {
    const noted = target([dense({ units: 8 }, 4), dense({ units: 1 }, 5)], adamMse, ['The input size is not known from the code alone, so it was taken from the data given to fit (line 9): [3] per sample.']);
    await assert.rejects(check(noted), /tfjs cannot build the model/);
  });

  it('beside stand-in sizes, a layer refused whatever they are is the code\'s refusal; one refused only at them is the build\'s', async () => {
    const standIn = 'The code does not say every size of the model, so the check used stand-ins: 8 for the input size of the dense layer (line 4).';
    const withStandIns = (layers: LayerSpec[]): ModelTarget => {
      const made = target(layers, adamMse, [standIn]);
      return { ...made, spec: { ...made.spec!, standInValues: true } };
    };
    const unknownInitializer = await check(withStandIns([dense({ units: 4, inputShape: [{ $standIn: 8 }], kernelInitializer: 'he_normal' }, 4), dense({ units: 1 }, 5)]));
    assert.equal(unknownInitializer.verdict, 'fail');
    assert.equal(unknownInitializer.causes[0]?.id, 'model-rejected');
    assert.match(unknownInitializer.causes[0]!.message, /he_normal/);
    // A pooling of 9 over the stand-in length of 8 leaves nothing; at the code's own length it may not.
    const pooled = withStandIns([
      { factory: 'maxPooling1d', config: { poolSize: 9, inputShape: [{ $standIn: 8 }, 2] } as never, line: 4 },
      { factory: 'flatten', config: {}, line: 5 },
      dense({ units: 1 }, 6),
    ]);
    await assert.rejects(check(pooled), /is empty at the sizes the check stood in/);
  });

  it('a training call tfjs refuses as the code makes it (never compiled): fail at its line, before any step', async () => {
    const result = await check({ name: 'model', file: FILE, line: 3, cannotTrain: { file: FILE, line: 9, message: 'fit throws before its first step: the model is not compiled when it runs.', why: 'not-compiled' } });
    assert.equal(result.verdict, 'fail');
    assert.equal(result.steps, 0);
    assert.deepEqual(result.causes.map((cause) => [cause.id, cause.line]), [['training-step-throws', 9]]);
  });

  it('convolutions that shrink the input to nothing: fail, empty-output', async () => {
    const conv = (config: Record<string, unknown>, line: number): LayerSpec => ({ factory: 'conv2d', config: config as never, line });
    const result = await check(
      target(
        [conv({ inputShape: [8, 8, 1], filters: 2, kernelSize: 5 }, 4), conv({ filters: 2, kernelSize: 5 }, 5), { factory: 'flatten', config: {}, line: 6 }, dense({ units: 2, activation: 'softmax' }, 7)],
        { optimizer: 'adam', loss: 'categoricalCrossentropy' },
      ),
    );
    assert.equal(result.verdict, 'fail');
    assert.equal(result.causes[0]?.id, 'empty-output');
    assert.match(result.causes[0]!.message, /^The output of \S+ is empty \(shape \[batch, 0, 0, 2\]\)/);
  });

  it('one output unit under categoricalCrossentropy: the first step throws on any labels of that shape, fail, training-step-throws', async () => {
    const result = await check(target([dense({ units: 1, inputShape: [3], activation: 'softmax' }, 4)], { optimizer: 'adam', loss: 'categoricalCrossentropy' }));
    assert.equal(result.verdict, 'fail');
    assert.equal(result.causes[0]?.id, 'training-step-throws');
    assert.match(result.causes[0]!.message, /^The first training step throws: You are passing a target array of shape 16,1/);
  });

  it('a model tfjs accepts trains: none of these causes', async () => {
    const result = await check(target([dense({ units: 8, inputShape: [3], activation: 'relu' }, 4), dense({ units: 1 }, 5)], adamMse));
    assert.ok(result.steps > 0);
    assert.ok(!result.causes.some((cause) => ['model-rejected', 'empty-output', 'training-step-throws'].includes(cause.id)), result.causes.map((cause) => cause.id).join(', '));
  });
});
