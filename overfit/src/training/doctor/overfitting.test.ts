import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { overfitting } from './overfitting';
import { decay, FIT_AT, fitCall, jitter, recordOf } from './test-calls';

const run = (call: ReturnType<typeof fitCall>) => overfitting.check(call, recordOf(call));

describe('overfitting', () => {
  it('fires when the validation loss turns while the training loss falls, with the turn and early stopping', () => {
    const val = [0.9, 0.7, 0.55, 0.5, 0.52, 0.56, 0.61, 0.67, 0.72, 0.8];
    const [finding] = run(fitCall({ loss: decay(0.9, 0.7, 10), val_loss: val }, { config: { epochs: 10, samples: 60 } }));
    assert.equal(finding?.severity, 'warning');
    assert.match(finding!.message, /^The model overfits from epoch 4 on: the validation loss rose by/);
    assert.deepEqual(finding!.evidence.epochs, [3, 4, 5, 6, 7, 8, 9]);
    assert.deepEqual(finding!.fix, { kind: 'add-early-stopping', at: FIT_AT, monitor: 'val_loss', patience: 3 });
    assert.match(finding!.causes[1]!, /60 samples/);
  });

  it('fires on a noisy validation curve with a clear turn', () => {
    const val = jitter([...decay(1, 0.8, 15, 0.3), ...Array.from({ length: 15 }, (_, i) => 0.33 + 0.03 * i)], 0.03);
    assert.equal(run(fitCall({ loss: decay(1, 0.85, 30), val_loss: val })).length, 1);
  });

  it('proposes no fix when early stopping is already there', () => {
    const [finding] = run(fitCall({ loss: decay(0.9, 0.7, 10), val_loss: [0.9, 0.7, 0.55, 0.5, 0.52, 0.56, 0.61, 0.67, 0.72, 0.8] }, { config: { earlyStopping: true } }));
    assert.equal(finding?.fix, undefined);
  });

  it('stays silent when both fall, when validation levels off, or when training rises too', () => {
    assert.deepEqual(run(fitCall({ loss: decay(1, 0.8, 20), val_loss: decay(1.1, 0.85, 20) })), []);
    assert.deepEqual(run(fitCall({ loss: decay(1, 0.8, 20), val_loss: jitter(decay(1, 0.7, 20, 0.4), 0.03) })), [], 'a plateau within noise');
    assert.deepEqual(run(fitCall({ loss: [1, 0.8, 0.6, 0.5, 0.6, 0.7, 0.8, 0.9], val_loss: [1, 0.8, 0.6, 0.5, 0.6, 0.7, 0.8, 0.9] })), []);
  });

  it('does not conclude without validation, with too few epochs, or too few after the turn', () => {
    assert.deepEqual(run(fitCall({ loss: decay(1, 0.8, 20) })), []);
    assert.deepEqual(run(fitCall({ loss: decay(1, 0.8, 5), val_loss: [1, 0.8, 0.9, 1.1, 1.3] })), []);
    assert.deepEqual(run(fitCall({ loss: decay(1, 0.8, 10), val_loss: [...decay(1, 0.8, 8), 0.4, 0.6] })), []);
  });
});
