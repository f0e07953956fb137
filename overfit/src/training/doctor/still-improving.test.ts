import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { epochsNeeded, stillImproving } from './still-improving';
import { decay, FIT_AT, fitCall, jitter, recordOf } from './test-calls';

const run = (call: ReturnType<typeof fitCall>) => stillImproving.check(call, recordOf(call));

describe('still-improving', () => {
  it('fires on a validation loss still falling at the end, with the epochs the trend needs', () => {
    // Halves every 10 epochs towards a floor of 0.05: about 4.3 × 10 epochs more take 95 % of what is left.
    const val = decay(1, Math.pow(0.5, 1 / 10), 20, 0.05);
    const [finding] = run(fitCall({ loss: decay(1.1, Math.pow(0.5, 1 / 10), 20, 0.04), val_loss: val }, { config: { epochs: 20 } }));
    assert.equal(finding?.severity, 'warning');
    assert.match(finding!.message, /^The validation loss was still falling when training stopped after 20 epochs\./);
    assert.equal(finding!.fix?.kind, 'set-epochs');
    const epochs = (finding!.fix as { epochs: number }).epochs;
    assert.ok(epochs >= 60 && epochs <= 70, `proposed ${epochs}`);
    assert.deepEqual(finding!.fix!.at, FIT_AT);
    assert.deepEqual(finding!.evidence.epochs, [15, 16, 17, 18, 19]);
  });

  it('estimates the epochs from the fitted trend', () => {
    const need = epochsNeeded({ metric: 'loss', epochs: Array.from({ length: 30 }, (_, i) => i), values: decay(2, 0.9, 30, 0.1) });
    // 0.9^k = 0.05 → k ≈ 28.4 more epochs after 30: 60 rounded up to a multiple of 10.
    assert.equal(need?.total, 60);
    assert.ok(Math.abs(need!.floor - 0.1) < 0.01);
  });

  it('caps the proposal at ten times the epochs run', () => {
    const [finding] = run(fitCall({ loss: decay(1, 0.98, 10) }));
    assert.equal((finding!.fix as { epochs: number }).epochs, 100);
    assert.match(finding!.message, /at least 100 epochs/);
  });

  it('stays silent on a converged loss, a noisy one, one whose accuracy is settled, and one stopped early', () => {
    assert.deepEqual(run(fitCall({ loss: decay(1, 0.5, 30, 0.1) })), []);
    assert.deepEqual(run(fitCall({ loss: jitter(decay(1, 0.95, 30, 0.5), 0.3) })), [], 'a noisy training loss is not a steady fall');
    assert.deepEqual(run(fitCall({ loss: decay(1, 0.9, 20), acc: [...Array(10).fill(0.9), ...Array(10).fill(1)] })), []);
    assert.deepEqual(run(fitCall({ loss: decay(1, 0.9, 20) }, { end: 'stopped' })), []);
    assert.deepEqual(run(fitCall({ loss: decay(1, 0.9, 20) }, { config: { epochs: 100, earlyStopping: true } })), []);
    assert.deepEqual(run(fitCall({ loss: decay(1, 0.9, 20) }, { config: { epochs: 100 } })), [], 'a callback of its own stopped it after 20 of 100 epochs');
  });

  it('stays silent when the validation loss has stopped falling, whatever the training loss does', () => {
    assert.deepEqual(run(fitCall({ loss: decay(1, 0.8, 20), val_loss: decay(1, 0.5, 20, 0.3) })), []);
  });

  it('does not conclude from fewer than six epochs', () => {
    assert.deepEqual(run(fitCall({ loss: decay(1, 0.7, 5) })), []);
  });
});
