// test-process: own (runs the overfit check in child processes and waits on them)
/** `tfjs-doctor overfit --lr-range` end to end: the range test's curve and proposal, in JSON and as text. */
import * as assert from 'node:assert/strict';
import * as cp from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { roundRate } from '../overfit/src/lr-range';
import { CLI, FIXTURES, runOverfit } from './support/overfit-cli';

describe('overfit --lr-range', () => {
  it('runs the range test from the captured model and batch, and proposes a rate', () => {
    const outcome = runOverfit(path.join(FIXTURES, 'regression-script.mjs'), ['--lr-range'], { steps: 200 });
    assert.equal(outcome.code, 0, outcome.stdout + outcome.stderr);
    const range = outcome.result!.learningRateRange!;
    assert.equal(outcome.result!.verdict, 'pass');
    assert.equal(range.optimizer, 'Adam');
    assert.equal(range.currentRate, 0.02);
    assert.ok(range.points.length > 20 && range.points.length <= 100, String(range.points.length));
    assert.equal(range.points[0]!.learningRate, 1e-7);
    assert.ok(range.points.every((point, index) => index === 0 || point.learningRate > range.points[index - 1]!.learningRate));
    assert.ok(range.points.every((point) => Number.isFinite(point.loss) && Number.isFinite(point.smoothed)));
    assert.equal(range.inconclusive, undefined);
    assert.equal(range.proposal, roundRate(range.lowest!.learningRate / 10));
    assert.ok(range.steepest!.learningRate < range.lowest!.learningRate);
    // fit was given 50 samples in batches of 20: the test draws a new batch of them at each step.
    assert.equal(range.data, 'shuffled batches');
    assert.equal(range.note, undefined);
    // The check trains from the weights and with the optimizer it had before the test: its run is the
    // same as without the test.
    const without = runOverfit(path.join(FIXTURES, 'regression-script.mjs'), [], { steps: 200 });
    assert.equal(without.code, 0);
    assert.equal(without.result!.learningRateRange, undefined);
    assert.deepEqual(outcome.result!.losses, without.result!.losses);
  });

  it('trains on the check\'s batch in static mode', () => {
    const outcome = runOverfit(path.join(FIXTURES, 'mlp-classifier.mjs'), ['--lr-range', '--mode', 'static'], { steps: 100 });
    const range = outcome.result!.learningRateRange!;
    assert.equal(range.data, 'one batch');
    assert.ok(range.points.length > 0);
    assert.equal(outcome.result!.data.source, 'synthetic');
    assert.match(range.note!, /^The batch is made up/);
  });

  it('says why a custom training loop gets no range test', () => {
    const outcome = runOverfit(path.join(FIXTURES, 'custom-loop-minimize.mjs'), ['--lr-range'], { steps: 100 });
    const range = outcome.result!.learningRateRange!;
    assert.equal(range.stop, 'not-run');
    assert.equal(range.proposal, undefined);
    assert.match(range.inconclusive!, /custom loop/);
  });

  it('prints the curve and the proposal as text', () => {
    const run = cp.spawnSync(process.execPath, [CLI, 'overfit', path.join(FIXTURES, 'mlp-classifier.mjs'), '--lr-range', '--mode', 'static', '--steps', '100'], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
      timeout: 120_000,
    });
    assert.match(run.stdout, /^Learning-rate range test$/m);
    assert.match(run.stdout, /^(Adam|SGD|RMSProp) · the check's batch · rate 1\.00e-7 → [^\n]+ in \d+ steps · /m);
    assert.match(run.stdout, /^smoothed loss {2}[▁▂▃▄▅▆▇█!]+$/m);
    assert.match(run.stdout, /^(Proposed learning rate: [0-9.e-]+, a tenth of the rate where the smoothed loss is lowest|No usable minimum: )/m);
  });

  it('takes no value', () => {
    const run = cp.spawnSync(process.execPath, [CLI, 'overfit', 'a.js', '--lr-range=yes'], { encoding: 'utf8' });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--lr-range/);
    assert.match(run.stderr, /^Usage: tfjs-doctor overfit /m);
  });
});
