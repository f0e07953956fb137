// test-process: own (runs the overfit check in child processes and waits on them)
/**
 * The overfit check end to end: `tfjs-doctor overfit` on small models that must learn one batch,
 * models that must fail for a named reason, and scripts that misbehave.
 */
import * as assert from 'node:assert/strict';
import * as cp from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { OverfitResult } from '../overfit/src/types';
import { packageRoot } from '../server/src/docs';

const CLI = path.join(packageRoot(), 'dist', 'cli.js');
const FIXTURES = path.join(packageRoot(), 'test', 'overfit-fixtures');

interface Outcome {
  readonly code: number;
  readonly result?: OverfitResult;
  readonly stdout: string;
  readonly stderr: string;
}

function overfit(fixture: string, ...args: string[]): Outcome {
  const run = cp.spawnSync(process.execPath, [CLI, 'overfit', path.join(FIXTURES, fixture), '--format', 'json', '--steps', '200', ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 120_000,
  });
  let result: OverfitResult | undefined;
  try {
    result = JSON.parse(run.stdout) as OverfitResult;
  } catch {
    result = undefined;
  }
  return { code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr, ...(result ? { result } : {}) };
}

function causeIds(outcome: Outcome): string[] {
  return outcome.result?.causes.map((cause) => cause.id) ?? [];
}

function passes(outcome: Outcome): OverfitResult {
  assert.equal(outcome.code, 0, `expected a pass, got exit ${outcome.code}\n${outcome.stdout}${outcome.stderr}`);
  assert.equal(outcome.result!.verdict, 'pass');
  return outcome.result!;
}

function fails(outcome: Outcome, ...expected: string[]): OverfitResult {
  assert.equal(outcome.code, 1, `expected a failure, got exit ${outcome.code}\n${outcome.stdout}${outcome.stderr}`);
  assert.equal(outcome.result!.verdict, 'fail');
  for (const id of expected) assert.ok(causeIds(outcome).includes(id), `expected cause ${id}, got ${causeIds(outcome).join(', ')}`);
  return outcome.result!;
}

describe('overfit check', () => {
  describe('models that learn one batch', () => {
    it('an MLP classifier returned by a factory', () => {
      const result = passes(overfit('mlp-classifier.mjs'));
      assert.equal(result.mode, 'execute');
      assert.equal(result.model, 'createModel');
      assert.equal(result.data.source, 'synthetic');
      assert.equal(result.data.batchSize, 32);
      assert.ok(result.finalLoss < result.initialLoss);
      assert.ok(result.layers.length === 3 && result.layers.every((layer) => layer.gradNorm > 0));
    });

    it('a CNN (its filter gradients need the kernel the wasm backend lacks)', () => {
      const result = passes(overfit('cnn.mjs'));
      assert.notEqual(result.backend, 'cpu', 'conv nets train on the faster backends');
    });

    it('a model that needs a gradient kernel the wasm backend lacks, retrained from the start on cpu', () => {
      const result = passes(overfit('separable-cnn.mjs'));
      assert.equal(result.backend, 'cpu');
      assert.ok(result.notes?.some((note) => /has no DepthwiseConv2dNativeBackprop\w+ kernel/.test(note)), JSON.stringify(result.notes));
    });

    it('a functional model with two branches, exported as a value', () => {
      passes(overfit('functional.mjs'));
    });

    it('a regression script: its model and its real first batch are captured', () => {
      const result = passes(overfit('regression-script.mjs'));
      assert.equal(result.data.source, 'captured');
      assert.equal(result.data.batchSize, 20, 'the batch is the first batch fit would train on');
    });

    it('the static build, with no code run', () => {
      const result = passes(overfit('mlp-classifier.mjs', '--mode', 'static'));
      assert.equal(result.mode, 'static');
      assert.equal(result.data.source, 'synthetic');
      assert.equal(result.line, 4);
    });
  });

  describe('models that fail, and why', () => {
    it('softmax over one unit with binaryCrossentropy: the static finding leads', () => {
      const result = fails(overfit('softmax-one-unit.mjs'), 'softmax-with-binary-crossentropy', 'loss-not-decreasing');
      assert.equal(result.causes[0]!.id, 'softmax-with-binary-crossentropy');
      assert.equal(result.causes[0]!.line, 6);
      assert.equal(result.causes[0]!.fromRule, true);
    });

    it('a huge learning rate', () => {
      fails(overfit('huge-learning-rate.mjs'), 'learning-rate-too-high');
    });

    it('zero-initialised ReLU layers', () => {
      const result = fails(overfit('zero-init-relu.mjs'), 'dead-relu');
      assert.equal(result.layers[0]!.deadFraction, 1);
    });

    it('a model whose output does not depend on its input', () => {
      fails(overfit('ignores-input.mjs'), 'input-ignored');
    });

    it('a batch of one class, from data stored class by class', () => {
      const outcome = overfit('sorted-labels.mjs');
      assert.ok(outcome.result, outcome.stderr);
      assert.equal(outcome.result.data.source, 'captured');
      assert.deepEqual(outcome.result.data.classCounts, [32]);
      assert.ok(causeIds(outcome).includes('single-class-batch'));
    });
  });

  describe('scripts that misbehave', () => {
    it('a script that throws: its error and line', () => {
      const outcome = overfit('throws.mjs');
      assert.equal(outcome.code, 2);
      assert.match(outcome.stderr, /the script threw before training a model: the data file is missing \(.*throws\.mjs:5\)/);
    });

    it('a script that never ends: stopped at the time limit', () => {
      const started = Date.now();
      const outcome = overfit('loops-forever.mjs', '--time-limit', '3');
      assert.equal(outcome.code, 2);
      assert.match(outcome.stderr, /did not finish within 3 s/);
      assert.ok(Date.now() - started < 30_000);
    });

    it('a script that calls process.exit', () => {
      const outcome = overfit('exits.mjs');
      assert.equal(outcome.code, 2);
      assert.match(outcome.stderr, /process\.exit\(3\) before training a model/);
    });

    it('a file with a syntax error', () => {
      const outcome = overfit('syntax-error.mjs');
      assert.equal(outcome.code, 2);
      assert.match(outcome.stderr, /could not be bundled: syntax-error\.mjs:4/);
    });
  });

  describe('command line contract', () => {
    it('prints one JSON object with the documented fields', () => {
      const result = overfit('mlp-classifier.mjs', '--mode', 'static').result!;
      assert.deepEqual(Object.keys(result).filter((key) => !['notes', 'file', 'line'].includes(key)).sort(), [
        'backend', 'causes', 'data', 'finalLoss', 'initialLoss', 'layers', 'losses', 'mode', 'model', 'ms', 'steps', 'verdict',
      ]);
      assert.equal(result.losses.length, result.steps);
      assert.ok(['tensorflow', 'wasm', 'cpu'].includes(result.backend));
    });

    it('prints a readable report with a sparkline', () => {
      const run = cp.spawnSync(process.execPath, [CLI, 'overfit', path.join(FIXTURES, 'zero-init-relu.mjs'), '--steps', '100'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      assert.equal(run.status, 1);
      assert.match(run.stdout, /^FAIL {2}createModel/);
      assert.match(run.stdout, /loss [\d.]+ → [\d.]+ {2}[▁▂▃▄▅▆▇█]+/);
      assert.match(run.stdout, /Likely causes\n[\s\S]* {2}error +dead-relu/);
    });

    it('names a missing model and a missing file', () => {
      const missingModel = overfit('mlp-classifier.mjs', '--mode', 'static', '--model', 'nope');
      assert.equal(missingModel.code, 2);
      assert.match(missingModel.stderr, /no model named nope/);
      const missingFile = cp.spawnSync(process.execPath, [CLI, 'overfit', 'no-such-file.js'], { encoding: 'utf8' });
      assert.equal(missingFile.status, 2);
      assert.match(missingFile.stderr, /no-such-file\.js is not a file/);
    });
  });
});
