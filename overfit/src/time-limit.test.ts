/** A check its time limit cuts short settles with what it has: inconclusive, unless what it has already decides. */
import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import type { Batch } from './batch';
import { checkModel, type CheckOptions } from './engine';
import { seedMathRandom } from './random';
import type { LayersModel } from './tf';

/** XOR for a model without a hidden layer: it cannot learn the batch, so the check goes on to its control runs. */
function linearOnXor(): { model: LayersModel; batch: Batch } {
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2], activation: 'sigmoid' })] });
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'binaryCrossentropy' });
  const xs = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1], [0, 0], [0, 1], [1, 0], [1, 1]]);
  const ys = tf.tensor2d([[0], [1], [1], [0], [0], [1], [1], [0]]);
  return { model, batch: { xs: [xs], ys: [ys], source: 'captured', size: 8 } };
}

/** A stop that comes after `steps` steps of the phases given, as a clock running out would. */
function stopAfter(steps: number, phases: (phase: string) => boolean): Pick<CheckOptions, 'shouldStop' | 'onProgress'> {
  let seen = 0;
  return {
    onProgress: (phase) => {
      if (phases(phase)) seen++;
    },
    shouldStop: () => seen >= steps,
  };
}

const options = { steps: 100, mode: 'execute', modelName: 'model', backend: 'cpu', timeLimitMs: 30_000 } as const;

describe('the time limit', () => {
  before(async () => {
    await tf.setBackend('cpu');
  });

  it('cut during training: inconclusive, with the steps made and the losses seen', async () => {
    const restore = seedMathRandom(1);
    const { model, batch } = linearOnXor();
    const result = await checkModel(tf, model, batch, { ...options, ...stopAfter(30, (phase) => phase === 'training') });
    restore();
    assert.equal(result.verdict, 'inconclusive');
    assert.equal(result.inconclusive?.reason, 'time-limit');
    assert.equal(result.steps, 30);
    assert.match(result.inconclusive!.message, /^Training stopped shortly before the time limit of 30 s, after 30 of 100 steps on the cpu backend \(loss .+ → .+\), before the check could tell\./);
    assert.equal(result.layers.length, 1, 'the evidence of the steps made');
    assert.ok(result.causes.every((cause) => cause.severity !== 'error'), JSON.stringify(result.causes));
  });

  it('cut in the control runs after a run that did not learn the batch: inconclusive, not a failure without its reasons', async () => {
    const restore = seedMathRandom(1);
    const { model, batch } = linearOnXor();
    const result = await checkModel(tf, model, batch, { ...options, ...stopAfter(10, (phase) => phase !== 'training') });
    restore();
    assert.equal(result.verdict, 'inconclusive');
    assert.equal(result.inconclusive?.reason, 'time-limit');
    assert.match(result.inconclusive!.message, /^The model had not learned the batch after \d+ steps \(loss .+\), and the time limit of 30 s ran out before the control runs that tell why/);
  });

  it('without the cut the same check fails, for the capacity the model lacks', async () => {
    const restore = seedMathRandom(1);
    const { model, batch } = linearOnXor();
    const result = await checkModel(tf, model, batch, options);
    restore();
    assert.equal(result.verdict, 'fail');
    assert.ok(result.causes.some((cause) => cause.id === 'missing-capacity'), JSON.stringify(result.causes.map((cause) => cause.id)));
  });

  it('labels the output cannot produce fail whatever the time left', async () => {
    const { model, batch } = linearOnXor();
    const outOfRange: Batch = { ...batch, ys: [tf.tensor2d([[0], [5], [5], [0], [0], [5], [5], [0]])] };
    const result = await checkModel(tf, model, outOfRange, { ...options, ...stopAfter(5, (phase) => phase === 'training') });
    assert.equal(result.verdict, 'fail');
    assert.ok(result.causes.some((cause) => cause.id === 'labels-out-of-range' && cause.severity === 'error'), JSON.stringify(result.causes.map((cause) => cause.id)));
  });
});
