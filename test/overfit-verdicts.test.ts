/**
 * Verdicts that can be trusted: a batch too small is topped up or inconclusive, a model is judged
 * against what a linear model reaches, runs repeat under a seed and a failure is tried from other
 * initialisations, and static mode trains on the data the code gives fit.
 */
import * as assert from 'node:assert/strict';
import * as cp from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { OverfitResult } from '../overfit/src/types';
import { packageRoot } from '../server/src/docs';

const CLI = path.join(packageRoot(), 'dist', 'cli.js');
const FIXTURES = path.join(packageRoot(), 'test', 'overfit-fixtures');

function overfit(fixture: string, ...args: string[]): { code: number; result: OverfitResult; stdout: string } {
  const run = cp.spawnSync(process.execPath, [CLI, 'overfit', path.join(FIXTURES, fixture), '--format', 'json', '--steps', '200', ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 180_000,
  });
  let result: OverfitResult;
  try {
    result = JSON.parse(run.stdout) as OverfitResult;
  } catch {
    assert.fail(`no JSON result (exit ${run.status})\n${run.stdout}${run.stderr}`);
  }
  return { code: run.status ?? -1, result, stdout: run.stdout };
}

function ids(result: OverfitResult): string[] {
  return result.causes.map((cause) => cause.id);
}

describe('verdicts you can trust', () => {
  describe('a batch too small', () => {
    it('one sample and no more data: inconclusive (exit 3), in both modes', () => {
      for (const mode of ['execute', 'static']) {
        const { code, result } = overfit('batch-of-one.mjs', '--mode', mode);
        assert.equal(code, 3, mode);
        assert.equal(result.verdict, 'inconclusive');
        assert.equal(result.inconclusive!.reason, 'batch-too-small');
        assert.match(result.inconclusive!.message, /^The batch is too small: one sample/);
        assert.equal(result.data.batchSize, 1);
        assert.ok(!ids(result).includes('single-class-batch'), 'one sample says nothing about the order of the data');
      }
    });

    it('batches of one from more data: topped up from the batches after the first', () => {
      const { code, result } = overfit('batch-size-one.mjs');
      assert.equal(code, 0);
      assert.equal(result.data.source, 'captured');
      assert.equal(result.data.batchSize, 8);
      assert.ok(result.notes?.some((note) => /batches of 1 sample; the check trained on the first 8 samples/.test(note)), JSON.stringify(result.notes));
    });

    it('batches of five: topped up with whole batches, in both modes', () => {
      for (const mode of ['execute', 'static']) {
        const { result } = overfit('batch-size-five.mjs', '--mode', mode);
        assert.equal(result.data.batchSize, 10, mode);
        assert.ok(result.notes?.some((note) => /batches of 5 samples; the check trained on the first 10 samples \(its first 2 batches together\)/.test(note)), `${mode}: ${JSON.stringify(result.notes)}`);
      }
    });

    it('the text report and its exit code', () => {
      const run = cp.spawnSync(process.execPath, [CLI, 'overfit', path.join(FIXTURES, 'batch-of-one.mjs'), '--mode', 'static'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      assert.equal(run.status, 3);
      assert.match(run.stdout, /^INCONCLUSIVE {2}model/);
      assert.match(run.stdout, /Not conclusive: the batch is too small/);
    });
  });

  describe('capacity', () => {
    it('XOR with one sigmoid unit fails for missing capacity, in both modes', () => {
      for (const mode of ['execute', 'static']) {
        const { code, result } = overfit('xor-linear-unit.mjs', '--mode', mode);
        assert.equal(code, 1, mode);
        assert.equal(result.causes[0]!.id, 'missing-capacity', ids(result).join(', '));
        assert.match(result.causes[0]!.message, /no better than a linear fit of this batch.*no hidden layer with a nonlinear activation/);
        assert.ok(!ids(result).includes('input-ignored'), 'the constant output is the linear optimum, not a detached input');
        assert.equal(result.data.source, mode === 'static' ? 'code' : 'captured');
        assert.equal(result.initialisations, undefined, 'one optimum: other initialisations would end in the same place');
      }
    });

    it('XOR with a hidden tanh layer passes, in both modes, though the batch has four samples', () => {
      for (const mode of ['execute', 'static']) {
        const { code, result } = overfit('xor-hidden-layer.mjs', '--mode', mode);
        assert.equal(code, 0, `${mode}: ${JSON.stringify(result.causes)} ${result.inconclusive?.message ?? ''}`);
        assert.equal(result.data.batchSize, 4);
      }
    });
  });

  describe('seeds', () => {
    it('the same file with the same options gives the same loss curve; another seed another one', () => {
      const first = overfit('mlp-classifier.mjs', '--mode', 'static').result;
      const again = overfit('mlp-classifier.mjs', '--mode', 'static').result;
      const other = overfit('mlp-classifier.mjs', '--mode', 'static', '--seed', '2').result;
      assert.deepEqual(again.losses, first.losses);
      assert.equal(first.seed, 1);
      assert.notDeepEqual(other.losses, first.losses);
      const captured = overfit('regression-script.mjs').result;
      assert.deepEqual(overfit('regression-script.mjs').result.losses, captured.losses);
    });

    it('a failure the initialisation decides is tried from two more seeds, says how often it fails, and is inconclusive', () => {
      const { code, result } = overfit('relu-output-unit.mjs');
      assert.equal(code, 3, 'a model that learns the batch from other starts is not broken');
      assert.equal(result.inconclusive?.reason, 'initialisation');
      assert.match(result.inconclusive?.message ?? '', /fails in 1 of 3 initialisations/);
      assert.ok(ids(result).includes('dead-relu'));
      assert.deepEqual(result.initialisations?.map((run) => [run.seed, run.learned]), [[1, false], [2, true], [3, true]]);
      const cause = result.causes.find((candidate) => candidate.id === 'depends-on-initialisation');
      assert.match(cause?.message ?? '', /^Fails in 1 of 3 initialisations: from other random initial weights \(seeds 2 and 3\) the model learns the batch, so it usually learns/);
      // The seed that learned in the rerun learns as the first run too.
      assert.equal(overfit('relu-output-unit.mjs', '--seed', '2').result.verdict, 'pass');
    });
  });

  describe('static mode that sees data bugs', () => {
    it('trains on the literal data of fit: unscaled inputs show', () => {
      const { code, result } = overfit('unscaled-literal-data.mjs', '--mode', 'static');
      assert.equal(code, 1);
      assert.equal(result.data.source, 'code');
      assert.equal(result.data.batchSize, 16);
      assert.ok(ids(result).includes('unnormalized-input'), ids(result).join(', '));
      assert.ok(result.notes?.some((note) => /the data the code gives fit at line 14/.test(note)));
    });

    it('keeps labels in the range the code gives them: labels beyond a sigmoid show', () => {
      const { result } = overfit('labels-one-two.mjs', '--mode', 'static');
      assert.equal(result.verdict, 'fail');
      assert.equal(result.data.source, 'synthetic');
      assert.ok(ids(result).includes('labels-out-of-range'), ids(result).join(', '));
      assert.ok(!ids(result).includes('missing-capacity'), 'bad labels, not capacity, stop the loss');
    });

    it('NaN the code computes in its data (0 / 0 of a constant column) reaches the static batch: fails for nan-or-inf, as in execute mode', () => {
      for (const mode of ['execute', 'static']) {
        const { code, result } = overfit('zero-range-scaling.mjs', '--mode', mode);
        assert.equal(code, 1, mode);
        assert.equal(result.data.source, mode === 'static' ? 'code' : 'captured');
        assert.ok(ids(result).includes('nan-or-inf'), `${mode}: ${ids(result).join(', ')}`);
      }
    });

    it('labels the output cannot produce fail, in both modes, even on a few samples whose loss falls (below zero)', () => {
      for (const mode of ['execute', 'static']) {
        const { code, result } = overfit('bce-class-ids.mjs', '--mode', mode);
        assert.equal(code, 1, mode);
        assert.equal(result.verdict, 'fail', mode);
        assert.equal(result.inconclusive, undefined, mode);
        assert.ok(ids(result).includes('labels-out-of-range'), `${mode}: ${ids(result).join(', ')}`);
      }
    });

    it('made-up labels a linear model happens to fit: a model without a hidden nonlinearity that learns them is inconclusive, not a pass', () => {
      // The sample workspace's linear stack: two features, three classes, no hidden activation.
      const { code, result } = overfit(path.join('..', '..', 'test-workspace', 'architecture', 'linear-stack.ts'), '--mode', 'static');
      assert.equal(code, 3, JSON.stringify(result.inconclusive));
      assert.equal(result.data.source, 'synthetic');
      assert.equal(result.inconclusive!.reason, 'synthetic-batch');
      assert.match(result.inconclusive!.message, /a linear model fits that batch too, and this model has no hidden nonlinearity/);
    });

    it('made-up labels a linear model cannot fit: a linear model on unknown data is inconclusive, with its capacity as the reason', () => {
      const { code, result } = overfit('linear-classifier-unknown-data.mjs', '--mode', 'static');
      assert.equal(code, 3);
      assert.equal(result.data.source, 'synthetic');
      assert.equal(result.inconclusive!.reason, 'synthetic-batch');
      assert.match(result.inconclusive!.message, /could not fit the made-up batch, which no linear model can fit either/);
      assert.ok(ids(result).includes('missing-capacity'));
      assert.ok(result.notes?.some((note) => /^The batch is synthetic/.test(note)));
    });

    it('a run that ends with the loss still falling steadily is no pass: inconclusive, with a budget that settles it', () => {
      const slow = cp.spawnSync(process.execPath, [CLI, 'overfit', path.join(FIXTURES, 'still-learning.mjs'), '--format', 'json'], { encoding: 'utf8', timeout: 180_000 });
      const result = JSON.parse(slow.stdout) as OverfitResult;
      assert.equal(slow.status, 3, slow.stdout + slow.stderr);
      assert.equal(result.inconclusive!.reason, 'too-few-steps');
      const suggested = /The loss was still falling steadily when the run ended after (\d+) steps \(from [\d.]+ to [\d.]+\), but the model had not learned the batch yet: .* such as (\d+) steps/.exec(result.inconclusive!.message);
      assert.ok(suggested, result.inconclusive!.message);
      assert.equal(Number(suggested[1]), result.steps);
      assert.ok(!result.causes.some((cause) => cause.severity === 'error'), JSON.stringify(result.causes));
      // The budget it suggests is enough for this model: with it, the model learns the batch.
      const longer = cp.spawnSync(process.execPath, [CLI, 'overfit', path.join(FIXTURES, 'still-learning.mjs'), '--format', 'json', '--steps', suggested[2]!], { encoding: 'utf8', timeout: 180_000 });
      assert.equal(longer.status, 0, longer.stdout + longer.stderr);
      assert.equal((JSON.parse(longer.stdout) as OverfitResult).verdict, 'pass');
    });

    it('a slow model that learns no more of the synthetic batch than a linear model: inconclusive, step budget too small', () => {
      const run = cp.spawnSync(process.execPath, [CLI, 'overfit', path.join(packageRoot(), 'test-workspace', 'correct', 'boston-housing.ts'), '--format', 'json', '--mode', 'static', '--steps', '300'], { encoding: 'utf8', timeout: 180_000 });
      const result = JSON.parse(run.stdout) as OverfitResult;
      assert.equal(run.status, 3, run.stdout + run.stderr);
      assert.equal(result.inconclusive!.reason, 'too-few-steps');
      assert.match(result.inconclusive!.message, /^The step budget may be too small: in \d+ steps the model learned no more of the synthetic batch than a linear model can/);
      assert.ok(!result.causes.some((cause) => cause.severity === 'error'), JSON.stringify(result.causes));
    });
  });
});
