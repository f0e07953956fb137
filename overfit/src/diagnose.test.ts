import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dataCauses, rankCauses, runCauses, stillLearning, stillLearningInconclusive, type DataFacts } from './diagnose';
import type { RunOutcome } from './train';
import type { LayerEvidence } from './types';

function run(losses: number[], stop: RunOutcome['stop'] = 'budget'): RunOutcome {
  return { losses, stop };
}

const layer = (name: string, gradNorm: number, deadFraction?: number): LayerEvidence => ({
  name,
  type: 'Dense',
  gradNorm,
  updateRatio: 1e-3,
  ...(deadFraction !== undefined ? { deadFraction } : {}),
});

const ids = (causes: { id: string }[]) => causes.map((cause) => cause.id);
const decaying = (from: number, to: number, steps: number) => Array.from({ length: steps }, (_, i) => from * Math.pow(to / from, i / (steps - 1)));

const facts = (overrides: Partial<DataFacts>): DataFacts => ({
  source: 'captured',
  inputMax: 1,
  inputHasNonFinite: false,
  inputsAreIntegers: false,
  inputsAreIds: false,
  labelsOutOfRange: [],
  kinds: ['one-hot'],
  ...overrides,
});

describe('diagnosis', () => {
  it('a NaN loss, and the lower learning rate that avoids it', () => {
    const causes = runCauses(run([1, 3, Number.NaN], 'non-finite'), { learningRate: 1, lowerRate: run([1, 0.1], 'fitted') }, []);
    assert.deepEqual(ids(causes), ['nan-or-inf', 'learning-rate-too-high']);
    assert.match(causes[1]!.message, /at 0\.1 instead of 1/);
  });

  it('a learning rate too low: the higher one learns, the run itself stalls', () => {
    const flatish = Array.from({ length: 100 }, (_, i) => 1 - i * 0.0005);
    assert.deepEqual(ids(runCauses(run(flatish), { learningRate: 1e-5, higherRate: run([1, 0.01], 'fitted'), lowerRate: run(flatish) }, [])), ['learning-rate-too-low']);
  });

  it('dead ReLU layers from AUTOTRAINER\'s 70 % threshold, and not below it', () => {
    const flat = Array.from({ length: 50 }, () => 1.0986);
    assert.ok(ids(runCauses(run(flat), {}, [layer('a', 0, 0.7), layer('b', 0.1)])).includes('dead-relu'));
    assert.ok(!ids(runCauses(run(flat), {}, [layer('a', 0.1, 0.69), layer('b', 0.1)])).includes('dead-relu'));
  });

  it('vanishing and exploding gradients from the first-to-last ratio', () => {
    const flat = Array.from({ length: 50 }, () => 1);
    assert.ok(ids(runCauses(run(flat), {}, [layer('first', 1e-6), layer('last', 0.1)])).includes('vanishing-gradient'));
    assert.ok(ids(runCauses(run(flat), {}, [layer('first', 80), layer('last', 1)])).includes('exploding-gradient'));
    assert.deepEqual(ids(runCauses(run(flat), {}, [layer('first', 0.05), layer('last', 0.1)])), ['loss-not-decreasing']);
  });

  it('an input the model ignores: zero inputs end at the same loss', () => {
    const main = run(decaying(1.1, 0.9, 100));
    assert.ok(ids(runCauses(main, { zeroInputs: run(decaying(1.1, 0.9, 100)) }, [])).includes('input-ignored'));
    assert.ok(!ids(runCauses(main, { zeroInputs: run(decaying(1.1, 1.05, 100)) }, [])).includes('input-ignored'));
  });

  it('a steadily falling loss is slow, not broken', () => {
    assert.equal(stillLearning(run(decaying(1, 0.3, 300))), true);
    assert.equal(stillLearning(run([...decaying(1, 0.5, 150), ...Array.from({ length: 150 }, () => 0.5)])), false);
    assert.deepEqual(runCauses(run(decaying(1, 0.3, 300)), {}, []), []);
  });

  it('a run that ends still learning is too short to tell, and a round budget a few times longer is suggested', () => {
    const slow = stillLearningInconclusive(run(decaying(1, 0.3, 300)));
    assert.equal(slow.reason, 'too-few-steps');
    assert.match(slow.message, /after 300 steps \(from 1 to 0\.3\d*\).* such as 1200 steps/);
    assert.match(stillLearningInconclusive(run(decaying(1, 0.3, 1237))).message, /such as 5000 steps/);
    assert.match(stillLearningInconclusive(run(decaying(1, 0.3, 25))).message, /such as 100 steps/);
  });

  it('data causes: single class, unscaled inputs, labels outside the activation, NaN', () => {
    assert.deepEqual(ids(dataCauses(facts({ classCounts: [0, 32] }))), ['single-class-batch']);
    assert.deepEqual(ids(dataCauses(facts({ classCounts: [0, 32], source: 'synthetic' }))), []);
    assert.deepEqual(ids(dataCauses(facts({ inputMax: 255, inputsAreIntegers: true }))), ['unnormalized-input']);
    assert.deepEqual(ids(dataCauses(facts({ inputMax: 255, inputsAreIds: true }))), []);
    assert.deepEqual(ids(dataCauses(facts({ labelsOutOfRange: [{ output: 'price', activation: 'sigmoid', min: 0, max: 420, range: '[0, 1]' }] }))), ['labels-out-of-range']);
    assert.deepEqual(ids(dataCauses(facts({ inputHasNonFinite: true }))), ['nan-or-inf']);
  });

  it('ranks by severity, keeping the order found within one', () => {
    const ranked = rankCauses([
      { id: 'a', severity: 'warning', message: '' },
      { id: 'b', severity: 'error', message: '' },
      { id: 'c', severity: 'info', message: '' },
      { id: 'd', severity: 'error', message: '' },
    ]);
    assert.deepEqual(ids(ranked), ['b', 'd', 'a', 'c']);
  });
});
