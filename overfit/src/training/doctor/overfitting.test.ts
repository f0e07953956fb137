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
    assert.match(finding!.message, /^The model overfits from epoch 4 on: its validation loss rose by \d+ % while the training loss fell\./);
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

  it('stays silent on a validation loss that jumps about its noise floor while the training loss is flat', () => {
    // Recorded from test-workspace/training-runs/diverging-loss-healthy.mjs: a linear model at the noise of its data.
    const loss = [0.173, 0.0183, 0.00967, 0.00551, 0.00286, 0.00173, 0.000952, 0.000573, 0.000313, 0.000225, 0.000146, 0.000136, 0.000118, 9e-5, 8.81e-5, 0.000104, 8.89e-5, 9.86e-5, 9.15e-5, 9.31e-5, 9.25e-5, 8.09e-5, 9.2e-5, 0.000104, 9.36e-5, 8.2e-5, 8.08e-5, 8.85e-5, 8.39e-5, 8.34e-5];
    const val = [0.0195, 0.0108, 0.00591, 0.00359, 0.00186, 0.00119, 0.000882, 0.000475, 0.000253, 0.000189, 0.000154, 0.000145, 0.000105, 0.000105, 0.000109, 0.000122, 8.46e-5, 8.53e-5, 8.3e-5, 9.16e-5, 8.29e-5, 8.31e-5, 0.000138, 0.000141, 8.05e-5, 0.000112, 0.00011, 9.74e-5, 0.000136, 0.000103];
    assert.deepEqual(run(fitCall({ loss, val_loss: val })), []);
  });

  it('does not conclude without validation, with too few epochs, or too few after the turn', () => {
    assert.deepEqual(run(fitCall({ loss: decay(1, 0.8, 20) })), []);
    assert.deepEqual(run(fitCall({ loss: decay(1, 0.8, 5), val_loss: [1, 0.8, 0.9, 1.1, 1.3] })), []);
    assert.deepEqual(run(fitCall({ loss: decay(1, 0.8, 10), val_loss: [...decay(1, 0.8, 8), 0.4, 0.6] })), []);
  });
});
