import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fitCall, recordOf, samples } from './test-calls';
import { vanishingGradient } from './vanishing-gradient';

const run = (call: ReturnType<typeof fitCall>) => vanishingGradient.check(call, recordOf(call));
const loss = { loss: [0.66, 0.66, 0.66, 0.66, 0.66] };

describe('vanishing-gradient', () => {
  it('fires when the first layer\'s gradient stays below AUTOTRAINER\'s bounds, from the epoch it started', () => {
    const perEpoch = [
      [['dense1', 2e-3], ['dense2', 0.1], ['out', 0.5]],
      [['dense1', 5e-5], ['dense2', 0.05], ['out', 0.5]],
      [['dense1', 3e-6], ['dense2', 0.01], ['out', 0.4]],
      [['dense1', 1e-7], ['dense2', 0.01], ['out', 0.4]],
      [['dense1', 1e-7], ['dense2', 0.01], ['out', 0.4]],
    ] as const;
    const [finding] = run(fitCall(loss, { layerSamples: samples(perEpoch.map((layers) => layers.map(([name, norm]) => [name, norm] as [string, number]))) }));
    assert.equal(finding?.severity, 'warning');
    assert.match(finding!.message, /^The gradients vanish before they reach dense1, in every sample from epoch 2 on\. Its gradient is 2\.5e-7 times the one at out \(norm 1\.0e-7\)\./);
    assert.deepEqual(finding!.evidence.epochs, [1, 2, 3, 4]);
  });

  it('stays silent on healthy gradients, on a small ratio with a first-layer norm above 1e-4, and on a brief dip', () => {
    const healthy = Array.from({ length: 5 }, () => [['a', 0.1], ['b', 0.2]] as [string, number][]);
    assert.deepEqual(run(fitCall(loss, { layerSamples: samples(healthy) })), []);
    const ratioOnly = Array.from({ length: 5 }, () => [['a', 2e-4], ['b', 10]] as [string, number][]);
    assert.deepEqual(run(fitCall(loss, { layerSamples: samples(ratioOnly) })), []);
    const dip = [0.1, 1e-7, 1e-7, 0.1, 0.1].map((norm) => [['a', norm], ['b', 0.5]] as [string, number][]);
    assert.deepEqual(run(fitCall(loss, { layerSamples: samples(dip) })), []);
  });

  it('does not conclude from fewer than three samples, one layer, or non-finite norms', () => {
    const two = Array.from({ length: 2 }, () => [['a', 1e-8], ['b', 0.5]] as [string, number][]);
    assert.deepEqual(run(fitCall(loss, { layerSamples: samples(two) })), []);
    const single = Array.from({ length: 5 }, () => [['a', 1e-8]] as [string, number][]);
    assert.deepEqual(run(fitCall(loss, { layerSamples: samples(single) })), []);
    const nan = Array.from({ length: 5 }, () => [['a', 1e-8], ['b', Number.NaN]] as [string, number][]);
    assert.deepEqual(run(fitCall(loss, { layerSamples: samples(nan) })), []);
  });
});
