// test-process: own (runs the overfit check in child processes and waits on them)
/**
 * The overfit check end to end: `tfjs-doctor overfit` on small models that must learn one batch,
 * models that must fail for a named reason, and scripts that misbehave.
 */
import * as assert from 'node:assert/strict';
import * as cp from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { OverfitResult } from '../overfit/src/types';
import { CLI, FIXTURES, runOverfit, type Outcome } from './support/overfit-cli';


function overfit(fixture: string, ...args: string[]): Outcome {
  return runOverfit(path.join(FIXTURES, fixture), args, { steps: 200 });
}

function causeIds(outcome: Outcome): string[] {
  return outcome.result?.causes.map((cause) => cause.id) ?? [];
}

function passes(outcome: Outcome): OverfitResult {
  assert.equal(outcome.code, 0, `expected a pass, got exit ${outcome.code}\n${outcome.stdout}${outcome.stderr}`);
  assert.equal(outcome.result!.verdict, 'pass');
  return outcome.result!;
}

/** A pass, or an inconclusive verdict for the given reason: a check that ran and found nothing wrong. */
function passesOr(reason: string, outcome: Outcome): OverfitResult {
  if (outcome.code === 3) {
    assert.equal(outcome.result!.inconclusive?.reason, reason, outcome.stdout);
    return outcome.result!;
  }
  return passes(outcome);
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

    it('a depthwise conv net: the depthwise gradients the wasm backend lacks are added to it', () => {
      const result = passes(overfit('separable-cnn.mjs'));
      assert.notEqual(result.backend, 'cpu');
      assert.ok(!result.notes?.some((note) => /cpu backend/.test(note)), JSON.stringify(result.notes));
    });

    it('a conv net on 32 MNIST-sized images (strided, separable, max and average pooling) trains on wasm', () => {
      const result = passes(overfit('mnist-convnet.mjs', '--backend', 'wasm'));
      assert.equal(result.backend, 'wasm');
      assert.equal(result.data.batchSize, 32);
      assert.ok(result.layers.filter((layer) => layer.gradNorm > 0).length >= 4, JSON.stringify(result.layers));
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

  describe('a model named by its place', () => {
    // twin-factories.mjs: two factories both call their model cnn, the first (line 5) with one
    // layer, the second (line 12) with two; the script trains the first, then the second.
    it('execute mode trains the model created at that line, not the first one the script trains', () => {
      const deep = passes(overfit('twin-factories.mjs', '--model', ':12'));
      assert.equal(deep.mode, 'execute');
      assert.equal(deep.data.source, 'captured');
      assert.equal(deep.line, 12);
      assert.equal(deep.layers.length, 2);
      const small = passes(overfit('twin-factories.mjs', '--model', ':5'));
      assert.equal(small.line, 5);
      assert.equal(small.layers.length, 1);
    });

    it('without a place, the result names the model the script trained', () => {
      const first = passes(overfit('twin-factories.mjs'));
      assert.equal(first.line, 5);
      assert.equal(first.layers.length, 1);
    });

    it('static mode builds the model at that line', () => {
      const deep = passes(overfit('twin-factories.mjs', '--model', ':12', '--mode', 'static'));
      assert.equal(deep.mode, 'static');
      assert.equal(deep.line, 12);
      assert.equal(deep.layers.length, 2);
    });

    it('a line with no model is a usage error that lists the models', () => {
      const outcome = overfit('twin-factories.mjs', '--model', ':99', '--mode', 'static');
      assert.equal(outcome.code, 2);
      assert.match(outcome.stderr, /no model created at line 99 \(models: cnn at line 5, cnn at line 12\)/);
    });
  });

  describe('files whose model is not in the code', () => {
    it('a model loaded at run time: static mode says so, with the line, and where to go', () => {
      const outcome = overfit('loaded-model-only.mjs', '--mode', 'static');
      assert.equal(outcome.code, 2);
      assert.match(outcome.stderr, /no TensorFlow\.js model was found in the file: the model it trains is loaded at run time \(line 4\), and the code does not write its layers\. Run the check in execute mode on a script that loads it/);
    });

    it('a model a file it imports makes: the message says where, and to run the check there', () => {
      const outcome = overfit(path.join('imported-model', 'main.mjs'), '--mode', 'static');
      assert.equal(outcome.code, 2);
      assert.match(outcome.stderr, /no TensorFlow\.js model was found in the file: it makes none, and the files it imports make one: model\.mjs \(line 7\)\. Run the check on that file/);
    });

    it('a model a web worker it starts makes: the message names the worker script', () => {
      const outcome = overfit(path.join('worker-model', 'main.mjs'), '--mode', 'static');
      assert.equal(outcome.code, 2);
      assert.match(outcome.stderr, /no TensorFlow\.js model was found in the file: it makes none, and the worker script it starts makes one: trainer\.mjs \(line 4\)\. Run the check on that file/);
    });
  });

  describe('stand-in sizes tfjs refuses', () => {
    it('a first training step that throws at sizes the check chose says so, with them, and is no verdict on the code', () => {
      const outcome = overfit('stand-in-shape-refused.mjs', '--mode', 'static');
      assert.equal(outcome.code, 2);
      assert.match(outcome.stderr, /the model's first training step on the made-up batch threw: .+\. It ran at sizes the check chose in place of the code's \(\[28, 28, 3\] for the input size of the conv2d layer \(line 8\) .+\); at the code's own it may not throw/);
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
      assert.deepEqual(Object.keys(result).filter((key) => !['notes', 'file', 'line', 'inconclusive', 'initialisations'].includes(key)).sort(), [
        'backend', 'causes', 'data', 'finalLoss', 'initialLoss', 'layers', 'losses', 'mode', 'model', 'ms', 'seed', 'steps', 'verdict',
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

    it('exits with 3 for an inconclusive run: too few steps for a correct model\'s optimizer', () => {
      const outcome = overfit('slow-optimizer.mjs', '--steps', '30');
      assert.equal(outcome.code, 3, outcome.stdout + outcome.stderr);
      assert.equal(outcome.result!.verdict, 'inconclusive');
      assert.equal(outcome.result!.inconclusive?.reason, 'too-few-steps');
      assert.match(outcome.result!.inconclusive!.message, /^30 steps were too few for adam at learning rate 0\.001: .* about 1000 steps\.$/);
    });

    it('gives a slow optimizer the steps it needs when --steps is not given', () => {
      const run = cp.spawnSync(process.execPath, [CLI, 'overfit', path.join(FIXTURES, 'slow-optimizer.mjs'), '--format', 'json'], { encoding: 'utf8', timeout: 120_000 });
      assert.equal(run.status, 0, run.stdout + run.stderr);
      const result = JSON.parse(run.stdout) as OverfitResult;
      assert.equal(result.verdict, 'pass');
      assert.ok(result.steps > 30);
    });

    it('a run the time limit stops during training is inconclusive, and no script is blamed in static mode', () => {
      const outcome = overfit('slow-static.mjs', '--mode', 'static', '--steps', '1000000', '--time-limit', '15');
      assert.equal(outcome.code, 3, outcome.stdout + outcome.stderr);
      const result = outcome.result!;
      assert.equal(result.inconclusive?.reason, 'time-limit');
      assert.ok(result.steps > 0);
      assert.match(result.inconclusive!.message, new RegExp(`after ${result.steps} of 1000000 steps on the \\w+ backend \\(loss .+\\), before the check could tell`));
      // Settled by the check itself shortly before the limit: with its layers and the model's place, which a run killed at the limit cannot give.
      assert.equal(result.layers.length, 3, JSON.stringify(result.layers));
      assert.equal(result.line, 4);
      assert.doesNotMatch(outcome.stdout + outcome.stderr, /loop forever/);
    });

    it('samples given to fit as rank-1 tensors are a column each, as fit reads them', () => {
      const result = passes(overfit('rank-one-data.cjs'));
      assert.equal(result.data.source, 'captured');
      assert.equal(result.data.batchSize, 10);
    });

    it('finds an exported factory whatever its name', () => {
      const result = passes(overfit('spam-filter.mjs'));
      assert.equal(result.mode, 'execute');
      assert.equal(result.model, 'createSpamFilter');
      assert.equal(result.fallback, undefined);
    });

    it('checks the model --model names, by number or by name, in both modes', () => {
      // Both models are called `model` in their factories: by number, or by the factory's export.
      for (const [mode, model] of [['execute', '2'], ['static', '2'], ['execute', 'createRegressor'], ['static', 'createRegressor']] as const) {
        {
          // A linear regressor on a made-up batch, part of whose labels no linear model fits: a pass
          // or, as the check cannot know the real data, inconclusive for that reason.
          const result = passesOr('synthetic-batch', overfit('two-models.mjs', '--mode', mode, '--model', model));
          assert.equal(result.mode, mode);
          assert.equal(result.layers.length, 1, `${mode} --model ${model} checks the one-layer regressor`);
          if (mode === 'execute') assert.equal(result.model, 'createRegressor');
          assert.ok(!result.notes?.some((note) => note.startsWith('The file has 2 models')), 'a model asked for is the one meant');
        }
      }
      // Two models made in one factory are named by their variables, which --model picks them by.
      const together = overfit('one-factory-two-models.mjs', '--mode', 'static');
      assert.match(together.result?.notes?.[0] ?? '', /^The file has 2 models; this is the check of actor \(line 5\)\. The other, critic \(line 7\), is checked/);
      // Not asked for one: the first, with a note naming the other.
      const first = overfit('two-models.mjs', '--mode', 'static');
      assert.equal(first.result?.notes?.[0], 'The file has 2 models; this is the check of createClassifier (line 5). The other, createRegressor (line 13), is checked from the lens above it, or with --model on the command line.');
    });

    it('a head on a model loaded at run time: the head is checked with a stand-in input shape of the rank its first layer takes; the base is named as one the code cannot rebuild, not sent to its lens', () => {
      const result = passes(overfit('head-on-loaded-base.mjs', '--mode', 'static'));
      assert.equal(result.line, 13);
      assert.equal(result.notes?.[0], 'The file has 2 models; this is the check of train (line 13). loadBase (line 8) cannot be rebuilt from the code alone: it is built on the model loaded at run time (line 6), whose layers the code does not write (execute mode, which runs the code, may reach it).');
      assert.match(result.notes?.[1] ?? '', /stand-ins: \[28, 28, 3\] for the input size of the flatten layer \(line 15\) \(from what `base\.outputs\[0\]\.shape\.slice` returns \(line 15\), known only when the script runs\)/);
    });

    it("an HTML page: its models are rebuilt from its inline scripts, on the data they give fit, in either mode; execute mode says why", () => {
      for (const mode of ['static', 'execute']) {
        const outcome = overfit('page.html', '--mode', mode);
        assert.equal(outcome.code, 1, `${mode}: ${outcome.stdout}${outcome.stderr}`);
        const result = outcome.result!;
        assert.equal(result.mode, 'static', mode);
        assert.equal(result.line, 4, mode);
        assert.deepEqual(result.data, { source: 'code', batchSize: 8, classCounts: [4, 4] }, mode);
        assert.ok(result.causes.some((cause) => cause.id === 'softmax-with-binary-crossentropy' && cause.line === 6), `${mode}: ${JSON.stringify(result.causes)}`);
        // Not a fallback: no mode runs a page's scripts, so the check of a page is a static check, with its verdicts.
        assert.equal(result.fallback, undefined, mode);
        const said = result.notes?.includes('page.html is an HTML page: its inline scripts run in a browser, which the check does not run: the check rebuilt the model from the code (static mode), as it does for every page.');
        assert.equal(said, mode === 'execute', `${mode}: ${JSON.stringify(result.notes)}`);
        assert.ok(!JSON.stringify(result).includes('execute mode'), `${mode}: no advice to run what cannot run`);
      }
    });

    it('user errors are one line and exit 2, with a JSON object on stdout for --format json', () => {
      const cases: [string, string[], RegExp][] = [
        ['an unknown model in execute mode', [path.join(FIXTURES, 'two-models.mjs'), '--model', 'nope'], /^tfjs-doctor: the file has no model named nope \(models: 1 model at line 5, 2 model at line 13\)\n$/],
        ['a model number out of range', [path.join(FIXTURES, 'two-models.mjs'), '--model', '5'], /^tfjs-doctor: --model 5: the file has 2 models \(models: 1 model at line 5, 2 model at line 13\)\n$/],
        ['a file that is not JavaScript or TypeScript', [path.join(FIXTURES, 'notes.txt')], /^tfjs-doctor: .*notes\.txt is not a JavaScript or TypeScript file \(.*\) or an HTML page\n$/],
        ['a declaration file', [path.join(FIXTURES, '..', '..', 'test-workspace', 'types', 'tfjs.d.ts')], /^tfjs-doctor: .*tfjs\.d\.ts is a declaration file: it holds types, no code to run\n$/],
        ['a missing file', ['no-such-file.js'], /^tfjs-doctor: no-such-file\.js is not a file\n$/],
        ['a script that throws', [path.join(FIXTURES, 'throws.mjs')], /^tfjs-doctor: the overfit check could not run: the script threw before training a model: the data file is missing/],
      ];
      for (const [name, args, message] of cases) {
        const run = cp.spawnSync(process.execPath, [CLI, 'overfit', ...args, '--format', 'json', '--steps', '20'], { encoding: 'utf8', timeout: 120_000 });
        assert.equal(run.status, 2, `${name}: ${run.stderr}`);
        assert.match(run.stderr, message, name);
        assert.doesNotMatch(run.stderr, /\n\s+at /, `${name}: no stack trace`);
        const printed = JSON.parse(run.stdout) as { verdict: string; error: string };
        assert.equal(printed.verdict, 'error', name);
        assert.ok(printed.error.length > 0, name);
      }
      assert.ok(!fs.existsSync(path.join(FIXTURES, 'ran.txt')), 'the .txt file was not run');
    });

    it('a usage error with --format json prints a JSON object too', () => {
      const run = cp.spawnSync(process.execPath, [CLI, 'overfit', path.join(FIXTURES, 'mlp-classifier.mjs'), '--format', 'json', '--steps', 'many'], { encoding: 'utf8' });
      assert.equal(run.status, 2);
      assert.deepEqual(JSON.parse(run.stdout), { verdict: 'error', error: '--steps expects a whole number above 0, got "many"' });
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
