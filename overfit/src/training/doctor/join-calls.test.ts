import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TrainingCall } from '../types';
import { diagnoseTraining } from './index';
import { joinCalls } from './join-calls';
import { decay, FIT_AT, fitCall, recordOf } from './test-calls';

/** One call per epoch of the curves, as a loop of `fit(..., { epochs: 1 })` makes them. */
function loopOf(metrics: Record<string, number[]>, options: Parameters<typeof fitCall>[1] = {}): TrainingCall[] {
  const epochs = Math.max(...Object.values(metrics).map((values) => values.length));
  return Array.from({ length: epochs }, (_, epoch) => ({
    ...fitCall(Object.fromEntries(Object.entries(metrics).map(([name, values]) => [name, [values[epoch]!]])), { config: { epochs: 1, learningRate: 0.1 }, ...options }),
    index: epoch,
    batches: [{ step: 0, epoch: 0, loss: Object.values(metrics)[0]![epoch]! }],
  }));
}

describe('calls of one fit in a loop', () => {
  it('are joined into one curve, epochs and steps renumbered in order', () => {
    const [joined] = joinCalls(loopOf({ loss: [1, 0.8, 0.6] }));
    assert.deepEqual(joined!.parts, [0, 1, 2]);
    assert.deepEqual(joined!.call.epochs.map((record) => [record.epoch, record.logs['loss']]), [[0, 1], [1, 0.8], [2, 0.6]]);
    assert.deepEqual(joined!.call.batches.map((record) => [record.step, record.epoch]), [[0, 0], [1, 1], [2, 2]]);
    assert.equal(joined!.call.config.epochs, 3);
    assert.equal(joined!.call.index, 0);
  });

  it('are not joined across models, places, kinds or a call that did not finish', () => {
    const [a, b] = loopOf({ loss: [1, 0.8] });
    assert.equal(joinCalls([a!, { ...b!, model: 'other' }]).length, 2);
    assert.equal(joinCalls([a!, { ...b!, at: { ...FIT_AT, line: 40 } }]).length, 2);
    assert.equal(joinCalls([a!, { ...b!, kind: 'trainOnBatch' }]).length, 2);
    assert.equal(joinCalls([{ ...a!, end: 'threw' }, b!]).length, 2);
    assert.equal(joinCalls([{ ...a!, at: undefined } as TrainingCall, { ...b!, at: undefined } as TrainingCall]).length, 2, 'no place, no telling it is the same fit');
  });

  it('let the doctor read a curve no single call shows, without fixes the loop would ignore', () => {
    const overfit = loopOf({ loss: decay(0.9, 0.7, 10), val_loss: [0.9, 0.7, 0.55, 0.5, 0.52, 0.56, 0.61, 0.67, 0.72, 0.8] });
    const [finding] = diagnoseTraining(recordOf(...overfit));
    assert.equal(finding?.id, 'overfitting');
    assert.equal(finding!.call, 0);
    assert.equal(finding!.fix, undefined, 'early stopping starts afresh with each call');
    assert.match(finding!.message, /\(The curve joins the 10 calls that the loop makes at this fit, one after the other\.\)$/);

    const diverging = loopOf({ loss: [1, 3, 20, Number.NaN] });
    assert.equal(diagnoseTraining(recordOf(...diverging))[0]?.fix?.kind, 'set-learning-rate', 'the rate is the optimizer\'s, whatever the loop');

    const still = loopOf({ loss: decay(1, 0.9, 20) });
    const improving = diagnoseTraining(recordOf(...still)).find((candidate) => candidate.id === 'still-improving');
    assert.ok(improving, 'the loop stopped while the loss still fell');
    assert.equal(improving.fix, undefined, 'the loop, not the fit\'s epochs, sets the length');
  });

  it('leave each call alone when every call is a curve of its own', () => {
    const first = fitCall({ loss: decay(1, 0.7, 10) });
    const second = { ...fitCall({ loss: decay(1, 0.7, 10) }), model: 'other' };
    assert.deepEqual(joinCalls([first, { ...second, index: 1 }]).map((joined) => joined.parts), [[0], [1]]);
  });
});
