import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { divergingLoss } from './diverging-loss';
import { decay, FIT_AT, fitCall, recordOf } from './test-calls';

const run = (call: ReturnType<typeof fitCall>) => divergingLoss.check(call, recordOf(call));

describe('diverging-loss', () => {
  it('fires on a NaN loss, with its epoch, and proposes a tenth of the learning rate', () => {
    const call = fitCall({ loss: [2.1, 40, 9e5, 3e12, Number.NaN, Number.NaN] }, { config: { epochs: 6, learningRate: 0.5, optimizer: 'SGD' } });
    const [finding] = run(call);
    assert.equal(finding?.severity, 'error');
    assert.match(finding!.message, /^The training loss became NaN at epoch 5\./);
    assert.match(finding!.message, /grown from 2\.1 to 3\.0e\+12/);
    assert.deepEqual(finding!.evidence.epochs, [0, 1, 2, 3, 4]);
    assert.deepEqual(finding!.fix, { kind: 'set-learning-rate', at: FIT_AT, learningRate: 0.05 });
    assert.deepEqual(finding!.at, FIT_AT);
  });

  it('fires on a NaN from the first epoch, and on a loss logged as null by JSON', () => {
    assert.equal(run(fitCall({ loss: [Number.NaN] })).length, 1);
    const fromJson = JSON.parse(JSON.stringify(fitCall({ loss: [1, 0.5, Number.NaN] }))) as ReturnType<typeof fitCall>;
    assert.match(run(fromJson)[0]!.message, /became NaN at epoch 3/);
  });

  it('fires on a NaN batch of an epoch that never ended', () => {
    const call = { ...fitCall({ loss: [1.2] }), batches: [{ step: 40, epoch: 1, loss: Number.POSITIVE_INFINITY }], end: 'threw' as const };
    assert.match(run(call)[0]!.message, /became Infinity at epoch 2/);
  });

  it('fires on a finite loss that runs away from its minimum (TheDeepChecker\'s factor of 2)', () => {
    const [finding] = run(fitCall({ loss: [1, 0.6, 0.4, 0.9, 1.5, 3.1] }));
    assert.match(finding!.message, /diverges from epoch 4 on: it rose from 0\.4 to 3\.1/);
    assert.equal(finding!.fix, undefined, 'no rate to lower when it is unknown');
  });

  it('stays silent on falling, flat, noisy and briefly spiking losses', () => {
    assert.deepEqual(run(fitCall({ loss: decay(1, 0.8, 30) })), []);
    assert.deepEqual(run(fitCall({ loss: [0.7, 0.7, 0.7, 0.7, 0.7] })), []);
    assert.deepEqual(run(fitCall({ loss: [1, 0.3, 0.7, 0.25, 0.8, 0.3, 0.7] })), [], 'oscillation is not divergence');
    assert.deepEqual(run(fitCall({ loss: [1, 0.4, 0.3, 0.9, 0.95, 0.35] })), [], 'a spike that comes back');
  });

  it('does not conclude from too few epochs of a rising finite loss', () => {
    assert.deepEqual(run(fitCall({ loss: [1, 2, 4] })), []);
    assert.deepEqual(run(fitCall({})), []);
  });
});
