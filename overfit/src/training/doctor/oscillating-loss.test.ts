import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { oscillatingLoss, swings } from './oscillating-loss';
import { decay, FIT_AT, fitCall, jitter, recordOf } from './test-calls';

const run = (call: ReturnType<typeof fitCall>) => oscillatingLoss.check(call, recordOf(call));
/** A loss that falls to a level, then jumps between it and twice it every other epoch. */
const zigzag = (epochs: number) => [0.5, 0.2, ...Array.from({ length: epochs - 2 }, (_, i) => (i % 2 === 0 ? 0.02 : 0.045))];

describe('oscillating-loss', () => {
  it('fires on a loss that keeps jumping back up, and proposes a tenth of the learning rate', () => {
    const [finding] = run(fitCall({ loss: zigzag(20) }, { config: { epochs: 20, learningRate: 0.8, batchSize: 4 } }));
    assert.equal(finding?.severity, 'warning');
    assert.match(finding!.message, /^The training loss oscillates: it jumped back up by 25 % or more 8 times in 20 epochs/);
    assert.deepEqual(finding!.fix, { kind: 'set-learning-rate', at: FIT_AT, learningRate: 0.08 });
    assert.match(finding!.causes[1]!, /\(4 samples\)/);
  });

  it('finds swings the way AUTOTRAINER counts them', () => {
    assert.deepEqual(
      swings([1, 0.5, 0.8, 0.4, 0.9, 0.3]).map((swing) => [swing.trough, swing.peak]),
      [
        [0.5, 0.8],
        [0.4, 0.9],
      ],
    );
  });

  it('stays silent on a smooth fall, on small wobbles, and on wobbles of a loss already near zero', () => {
    assert.deepEqual(run(fitCall({ loss: decay(1, 0.9, 30) })), []);
    assert.deepEqual(run(fitCall({ loss: jitter(decay(1, 0.9, 30, 0.2), 0.05) })), []);
    const nearZero = [1, 0.3, 0.05, ...Array.from({ length: 27 }, (_, i) => (i % 2 === 0 ? 1e-5 : 3e-5))];
    assert.deepEqual(run(fitCall({ loss: nearZero })), [], 'swings of 2e-5 against a start of 1');
  });

  it('leaves a run-away loss to diverging-loss, and concludes nothing from fewer than ten epochs', () => {
    assert.deepEqual(run(fitCall({ loss: [1, 0.5, 0.8, 0.4, 0.9, 0.3, 1.2, 2.5, 5, 9, 20] })), []);
    assert.deepEqual(run(fitCall({ loss: zigzag(9) })), []);
  });
});
