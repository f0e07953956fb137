import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { notLearning } from './not-learning';
import { decay, FIT_AT, fitCall, jitter, recordOf } from './test-calls';

const run = (call: ReturnType<typeof fitCall>) => notLearning.check(call, recordOf(call));
const flat = (value: number, epochs: number) => Array.from({ length: epochs }, () => value);

describe('not-learning', () => {
  it('fires on a loss that stays at chance level', () => {
    const [finding] = run(fitCall({ loss: jitter(flat(1.0986, 12), 0.01) }, { config: { epochs: 12, learningRate: 0.001 } }));
    assert.equal(finding?.severity, 'error');
    assert.match(finding!.message, /^The model does not learn: its loss stayed between/);
    assert.equal(finding!.fix, undefined, 'a flat, wobbling loss does not say the rate is too low');
    assert.deepEqual(finding!.at, FIT_AT);
  });

  it('fires on a loss that falls at every epoch but too little, and proposes ten times the rate', () => {
    const [finding] = run(fitCall({ loss: decay(0.883, 0.9995, 30) }, { config: { epochs: 30, learningRate: 5e-5 } }));
    assert.match(finding!.message, /^The loss barely moves: it fell by only 1 % in 30 epochs/);
    assert.deepEqual(finding!.fix, { kind: 'set-learning-rate', at: FIT_AT, learningRate: 5e-4 });
    assert.match(finding!.causes[0]!, /learning rate \(5\.0e-5\) is too low/);
  });

  it('reads the batch curve when there are too few epochs but enough batches', () => {
    const batches = Array.from({ length: 60 }, (_, step) => ({ step, epoch: Math.floor(step / 20), loss: 0.69 + 0.01 * Math.sin(step) }));
    const call = { ...fitCall({ loss: [0.69, 0.69, 0.69] }), batches };
    const [finding] = run(call);
    assert.equal(finding?.evidence.metric, 'batch loss');
    assert.match(finding!.message, /for 60 steps/);
  });

  it('stays silent on a loss that falls, one already at zero, and one whose accuracy rises', () => {
    assert.deepEqual(run(fitCall({ loss: decay(1, 0.8, 10) })), []);
    assert.deepEqual(run(fitCall({ loss: flat(0, 10) })), []);
    assert.deepEqual(run(fitCall({ loss: flat(0.69, 8), acc: [0.5, 0.55, 0.6, 0.62, 0.65, 0.7, 0.7, 0.71] })), []);
  });

  it('leaves a climbing loss to diverging-loss', () => {
    assert.deepEqual(run(fitCall({ loss: [1, 1.5, 2.5, 4, 7] })), []);
  });

  it('does not conclude from fewer than five epochs, or from NaN', () => {
    assert.deepEqual(run(fitCall({ loss: flat(0.69, 4) })), []);
    assert.deepEqual(run(fitCall({ loss: [0.69, 0.69, Number.NaN, 0.69, 0.69, 0.69] })), []);
  });
});
