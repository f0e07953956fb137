import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decay, FIT_AT, fitCall, jitter, recordOf } from './test-calls';
import { roughness } from './curves';
import { unrepresentativeValidation } from './unrepresentative-validation';

const run = (call: ReturnType<typeof fitCall>) => unrepresentativeValidation.check(call, recordOf(call));

describe('unrepresentative-validation', () => {
  it('fires on a validation loss far below the training loss, and proposes shuffling before the split', () => {
    const call = fitCall({ loss: decay(0.9, 0.9, 20, 0.35), val_loss: decay(0.6, 0.7, 20, 0.01) }, { config: { epochs: 20, validationSplit: 0.2, samples: 300 } });
    const [finding] = run(call);
    assert.equal(finding?.severity, 'warning');
    assert.match(finding!.message, /^The validation loss stays far below the training loss, at \d+ % of it on average\. From epoch 3 on/);
    assert.deepEqual(finding!.fix, { kind: 'shuffle-before-split', at: FIT_AT });
    assert.match(finding!.causes[0]!, /last samples of x and y, before fit shuffles/);
    assert.match(finding!.causes[1]!, /small \(60 samples\)/);
  });

  it('fires on validation accuracy persistently above training accuracy (UMLAUT)', () => {
    const call = fitCall({ loss: decay(1, 0.9, 8, 0.4), val_loss: decay(0.9, 0.9, 8, 0.3), acc: Array(8).fill(0.8), val_acc: Array(8).fill(0.9) });
    assert.match(run(call)[0]!.message, /^The validation accuracy stays above the training accuracy/);
  });

  it('fires on a validation loss much noisier than a smooth training loss, without an edit', () => {
    const val = decay(1, 0.9, 20, 0.3).map((value, i) => value * (i % 2 === 0 ? 0.8 : 1.25));
    const [finding] = run(fitCall({ loss: decay(1, 0.9, 20, 0.3), val_loss: val }, { config: { validationSplit: 0.1, samples: 200 } }));
    assert.match(finding!.message, /^The validation loss jumps about far more than the training loss/);
    assert.equal(finding!.fix, undefined);
  });

  it('measures roughness on the log scale: a steady fall and a single turn are smooth, a zigzag is not', () => {
    assert.ok(roughness(decay(1, 0.5, 10)) < 1e-12);
    assert.ok(roughness([0.9, 0.7, 0.55, 0.5, 0.52, 0.56, 0.61, 0.67, 0.72, 0.8]) < 0.1);
    assert.ok(Math.abs(roughness([1, 1.2, 1]) - 2 * Math.log(1.2)) < 1e-12);
  });

  it('stays silent on a validation loss near the training loss, a little below it, or a little noisier', () => {
    assert.deepEqual(run(fitCall({ loss: decay(1, 0.9, 20, 0.3), val_loss: decay(1.05, 0.9, 20, 0.32) })), []);
    assert.deepEqual(run(fitCall({ loss: decay(1, 0.9, 20, 0.3), val_loss: decay(0.8, 0.9, 20, 0.22) })), [], 'dropout keeps validation a little lower');
    assert.deepEqual(run(fitCall({ loss: decay(1, 0.9, 20, 0.3), val_loss: jitter(decay(1, 0.9, 20, 0.3), 0.04) })), []);
  });

  it('leaves a jumpy training loss to oscillating-loss', () => {
    const loss = decay(1, 0.9, 20, 0.3).map((value, i) => value * (i % 2 === 0 ? 0.9 : 1.1));
    const val = decay(1, 0.9, 20, 0.3).map((value, i) => value * (i % 2 === 0 ? 0.7 : 1.4));
    assert.deepEqual(run(fitCall({ loss, val_loss: val })), []);
  });

  it('does not conclude without validation or from too few epochs', () => {
    assert.deepEqual(run(fitCall({ loss: decay(1, 0.9, 20) })), []);
    assert.deepEqual(run(fitCall({ loss: [1, 0.9, 0.8, 0.7], val_loss: [0.1, 0.1, 0.1, 0.1] })), []);
  });
});
