import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dyingRelu } from './dying-relu';
import { fitCall, recordOf, samples } from './test-calls';

const run = (call: ReturnType<typeof fitCall>) => dyingRelu.check(call, recordOf(call));
const loss = { loss: [1, 0.8, 0.7, 0.7, 0.7, 0.7] };
const layers = (dead: readonly number[]) => samples(dead.map((fraction) => [['hidden', 0.1, fraction], ['out', 0.2]] as [string, number, number?][]));

describe('dying-relu', () => {
  it('fires when a ReLU layer dies during training, with the epoch it died and where it started', () => {
    const [finding] = run(fitCall(loss, { layerSamples: layers([0.1, 0.3, 0.75, 0.8, 0.85, 0.9]) }));
    assert.equal(finding?.severity, 'warning');
    assert.match(finding!.message, /^90 % of the units of hidden are dead, from epoch 3 on \(it was 10 % at epoch 1\)/);
    assert.deepEqual(finding!.evidence.values, [0.75, 0.8, 0.85, 0.9]);
  });

  it('fires when the layer is dead from the first sample, and names the count of dead layers', () => {
    const perEpoch = Array.from({ length: 4 }, () => [['a', 0.1, 0.9], ['b', 0.1, 0.8], ['out', 0.2]] as [string, number, number?][]);
    const [finding] = run(fitCall(loss, { layerSamples: samples(perEpoch) }));
    assert.match(finding!.message, /^90 % of the units of a are dead, in every sample from the first \(epoch 1\) on\. .*\(2 ReLU layers are mostly dead\)/);
  });

  it('stays silent below AUTOTRAINER\'s 70 %, and on a layer that recovers', () => {
    assert.deepEqual(run(fitCall(loss, { layerSamples: layers([0.5, 0.6, 0.69, 0.69, 0.65]) })), []);
    assert.deepEqual(run(fitCall(loss, { layerSamples: layers([0.9, 0.9, 0.9, 0.5, 0.4]) })), []);
  });

  it('does not conclude from fewer than three samples', () => {
    assert.deepEqual(run(fitCall(loss, { layerSamples: layers([0.9, 0.95]) })), []);
  });
});
