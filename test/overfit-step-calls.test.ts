/**
 * Execute mode on training functions nothing calls: the check calls them with made-up data of the
 * shapes the code asks for, and judges the step with what made-up data can and cannot show.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { OverfitResult } from '../overfit/src/types';
import { FIXTURES, runOverfit } from './support/overfit-cli';

function check(fixture: string, args: readonly string[] = [], steps = 200): { code: number; result: OverfitResult } {
  const outcome = runOverfit(path.join(FIXTURES, fixture), [...args], { steps });
  assert.ok(outcome.result, `no result: exit ${outcome.code}\n${outcome.stdout}${outcome.stderr}`);
  return { code: outcome.code, result: outcome.result };
}

const ids = (result: OverfitResult) => result.causes.map((cause) => cause.id);
const madeUpNote = (result: OverfitResult) => result.notes?.find((note) => note.startsWith('Nothing in the project calls'));

describe('overfit check: training functions nothing calls', () => {
  it('a negative log-likelihood of raw logits fails: the loss has no lower bound, with the linter finding beside it', () => {
    const { code, result } = check('step-logits-nll.mjs');
    assert.equal(result.verdict, 'fail', JSON.stringify(result.causes));
    assert.equal(code, 1);
    assert.deepEqual(ids(result).slice(0, 2).sort(), ['nll-without-log-softmax', 'unbounded-loss']);
    assert.ok(result.losses.at(-1)! < -5, `the loss kept falling: ${result.losses.at(-1)}`);
    assert.equal(result.data.source, 'synthetic', 'the data is the check\'s, not the code\'s');
    const note = madeUpNote(result);
    assert.match(note ?? '', /calls imitate \(line 9\)/);
    assert.match(note ?? '', /`states`, a 32×6 tensor of normal values \(the input of policy\)/);
    assert.match(note ?? '', /`actions`, 32 class ids from 0 to 2/);
  });

  it('static mode trains the model on the step\'s loss rebuilt from the code, and fails it for the same cause', () => {
    const outcome = runOverfit(path.join(FIXTURES, 'step-logits-nll.mjs'), ['--mode', 'static'], { steps: 200 });
    assert.equal(outcome.result?.verdict, 'fail', outcome.stdout + outcome.stderr);
    assert.equal(outcome.result.mode, 'static');
    assert.deepEqual(ids(outcome.result).slice(0, 2).sort(), ['nll-without-log-softmax', 'unbounded-loss']);
    assert.match(outcome.result.notes?.[0] ?? '', /^The check trained policy with the loss of the training step in imitate \(line 11\), rebuilt from the code as tfjs operations \(none of the code ran\), on made-up data: `states`, a 32×6 tensor/);
    const sound = runOverfit(path.join(FIXTURES, 'step-log-softmax.mjs'), ['--mode', 'static'], { steps: 200 });
    assert.equal(sound.result?.verdict, 'pass', sound.stdout + sound.stderr);
  });

  it('a loss made of a value read back reaches no weight: static mode fails the step untrained, execute mode on its first step', () => {
    const outcome = runOverfit(path.join(FIXTURES, 'step-read-back.mjs'), ['--mode', 'static'], { steps: 200 });
    assert.equal(outcome.result?.verdict, 'fail', outcome.stdout + outcome.stderr);
    assert.equal(outcome.result.causes[0]?.id, 'loss-detached');
    assert.equal(outcome.result.line, 4, 'the model\'s place');
    assert.equal(outcome.result.causes[0]?.line, 10, 'the step\'s place');
    assert.equal(outcome.result.steps, 0);
    assert.ok(ids(outcome.result).includes('data-sync-in-loss'), 'the linter\'s finding in the function beside it');
    // Execute mode runs the step itself on made-up states: tfjs finds no path from the weights to the loss.
    const executed = check('step-read-back.mjs');
    assert.equal(executed.result.verdict, 'fail');
    assert.equal(executed.result.causes[0]?.id, 'loss-detached');
  });

  it('a data object the loop takes batches from is made up with a method that gives them, and a progress callback with a function that does nothing', () => {
    const { code, result } = check('step-data-provider.mjs');
    assert.equal(result.verdict, 'pass', JSON.stringify(result.causes));
    assert.equal(code, 0);
    assert.match(
      madeUpNote(result) ?? '',
      /`data`, an object of \{ nextTrainBatch\(\): an object of \{ xs: a 32×8×8×1 tensor of normal values, labels: a 32×4 tensor of one-hot rows \} \} \(`nextTrainBatch\(\)\.xs` for the input of as4D \(line 20\); `nextTrainBatch\(\)\.labels` for the labels of tf\.losses\.softmaxCrossEntropy \(line 20\)\); `log`, a function that does nothing/,
    );
  });

  it('static mode trains the step on the same made-up object, reaching the batch through its method', () => {
    const outcome = runOverfit(path.join(FIXTURES, 'step-data-provider.mjs'), ['--mode', 'static'], { steps: 200 });
    assert.equal(outcome.result?.verdict, 'pass', outcome.stdout + outcome.stderr);
    assert.equal(outcome.result.mode, 'static');
    assert.deepEqual(outcome.result.layers.map((layer) => layer.name), ['hiddenWeights', 'hiddenBias', 'outputWeights', 'outputBias']);
    assert.match(outcome.result.notes?.join('\n') ?? '', /`data`, an object of \{ nextTrainBatch\(\): an object of \{ xs: a 32×8×8×1 tensor/);
  });

  it('the same step with log-probabilities passes on one-hot labels of the output\'s shape', () => {
    const { code, result } = check('step-log-softmax.mjs');
    assert.equal(result.verdict, 'pass', JSON.stringify(result.causes));
    assert.equal(code, 0);
    assert.match(madeUpNote(result) ?? '', /`labels`, a 32×3 tensor of one-hot rows/);
  });

  it('a loss that is not a scalar: tfjs refuses the step, which fails at its line', () => {
    const { result } = check('step-non-scalar.mjs');
    assert.equal(result.verdict, 'fail');
    const refused = result.causes.find((cause) => cause.id === 'training-step-throws');
    assert.ok(refused, ids(result).join(', '));
    assert.equal(refused.line, 12);
    assert.match(refused.message, /must return a scalar/);
    assert.match(madeUpNote(result) ?? '', /`steps`, 1 \(the number of passes of a loop\)/);
  });

  it('a fit in a function nothing calls is reached with made-up data, and the model trains on a made-up batch for its loss', () => {
    const { code, result } = check('fit-uncalled.mjs');
    assert.equal(result.verdict, 'fail', JSON.stringify(result.causes));
    assert.equal(code, 1);
    assert.equal(result.mode, 'execute');
    assert.equal(result.data.source, 'synthetic');
    assert.ok(ids(result).includes('softmax-with-binary-crossentropy'), ids(result).join(', '));
    assert.match(madeUpNote(result) ?? '', /calls train \(line 9\), so the check called it with made-up data to reach its fit call: `xs`, a 32×5 tensor of normal values \(the inputs of fit \(line 10\)\); `ys`, a 32×1 tensor/);
  });

  it('arrays made into the data given to fit are made up as nested rows, which a shape the code gives counts', () => {
    const { code, result } = check('fit-arrays-uncalled.mjs');
    assert.equal(result.verdict, 'pass', JSON.stringify(result.notes));
    assert.equal(code, 0);
    assert.equal(result.mode, 'execute');
    assert.match(madeUpNote(result) ?? '', /`features`, 32×8 nested arrays of normal values \(the inputs of fit \(line 9\), as tf\.tensor2d \(line 9\)\); `rates`, 32×1 nested arrays of normal values \(the labels of fit \(line 9\), as tf\.tensor2d \(line 9\)\)/);
  });

  it('made-up data, and a warning where the model is compiled that explains slow learning: a failure, as in static mode', () => {
    // The step budget of a check with no --steps: 200 are too few for adam at its default rate to tell.
    const { code, result } = check('fit-uncalled-mse-softmax.mjs', [], 1000);
    assert.equal(result.mode, 'execute');
    assert.equal(result.verdict, 'fail', JSON.stringify(result.inconclusive));
    assert.equal(code, 1);
    assert.ok(ids(result).includes('regression-loss-on-classifier'), ids(result).join(', '));
  });

  it('static mode over variables of the code\'s own: a loss that is not a scalar fails, and one on data the code computes with tfjs is learnt', () => {
    const refused = runOverfit(path.join(FIXTURES, 'step-non-scalar.mjs'), ['--mode', 'static'], { steps: 200 });
    assert.equal(refused.result?.verdict, 'fail', refused.stdout + refused.stderr);
    assert.ok(ids(refused.result).includes('training-step-throws'), ids(refused.result).join(', '));
    const learnt = runOverfit(path.join(FIXTURES, 'variables-known-data.mjs'), ['--mode', 'static'], { steps: 300 });
    assert.equal(learnt.result?.verdict, 'pass', learnt.stdout + learnt.stderr);
    assert.equal(learnt.result.mode, 'static');
    assert.equal(learnt.result.data.source, 'code');
    assert.equal(learnt.result.data.batchSize, 64);
    assert.ok(learnt.result.notes?.some((note) => /initial value of slope when it runs; the check started from small random values around 0/.test(note)), JSON.stringify(learnt.result.notes));
    // Execute mode: the script stops at `document` (a web page's), and the step is checked as static mode rebuilds it.
    const executed = runOverfit(path.join(FIXTURES, 'variables-known-data.mjs'), [], { steps: 300 });
    assert.equal(executed.result?.verdict, 'inconclusive', executed.stdout + executed.stderr);
    assert.equal(executed.result.inconclusive?.reason, 'static-fallback');
    assert.equal(executed.result.fallback?.reason, 'browser');
  });

  it('a policy gradient whose loss has no lower bound on one batch by design is inconclusive: no finding of the linter says it is a bug', () => {
    const { code, result } = check('policy-gradient-signed.mjs');
    assert.equal(result.verdict, 'inconclusive', JSON.stringify(result.causes));
    assert.equal(code, 3);
    assert.equal(result.inconclusive?.reason, 'no-known-minimum');
    assert.match(result.inconclusive?.message ?? '', /kept falling.*no lower bound.*nothing in the code tells which/);
  });

  it('a training function asked for by its place (its lens) is the one checked, of several', () => {
    const chosen = runOverfit(path.join(FIXTURES, 'two-steps.mjs'), ['--model', ':12'], { steps: 200 });
    assert.equal(chosen.result?.verdict, 'fail', chosen.stdout + chosen.stderr);
    assert.equal(chosen.result.causes[0]?.id, 'loss-detached');
    assert.match(madeUpNote(chosen.result) ?? '', /calls reward \(line 12\)/);
    assert.equal(chosen.result.otherFunctions, undefined, 'asked for one function, the check goes through that one alone');
    const imitate = runOverfit(path.join(FIXTURES, 'two-steps.mjs'), ['--model', 'imitate'], { steps: 200 });
    assert.equal(imitate.result?.verdict, 'pass', imitate.stdout + imitate.stderr);
  });

  it('a file with several training functions nothing calls: the check goes through each, and a failure of one is the verdict', () => {
    for (const mode of ['execute', 'static']) {
      const { code, result } = check('two-steps.mjs', mode === 'static' ? ['--mode', 'static'] : []);
      assert.equal(result.verdict, 'fail', `${mode}: ${JSON.stringify(result.notes)}`);
      assert.equal(code, 1);
      assert.equal(result.causes[0]?.id, 'loss-detached', mode);
      assert.equal(result.causes[0]?.line, 13, `${mode}: the failing step's line`);
      assert.deepEqual(result.through, { name: 'reward', line: 12 }, mode);
      // imitate first, called (execute mode) or its loss rebuilt (static mode): it passes.
      assert.deepEqual(result.otherFunctions, [{ name: 'imitate', line: 8, verdict: 'pass' }], mode);
      assert.match(result.notes?.[0] ?? '', /several training functions nothing calls.*this result is reward \(line 12\)'s, which fails/, mode);
    }
  });

  it('a function that trains a model it never compiles fails in both modes: tfjs refuses its fit whatever the data', () => {
    for (const mode of ['execute', 'static']) {
      const { code, result } = check('train-before-compile.mjs', mode === 'static' ? ['--mode', 'static'] : []);
      assert.equal(result.verdict, 'fail', `${mode}: ${JSON.stringify(result.notes)}`);
      assert.equal(code, 1);
      assert.equal(result.mode, mode, 'no fallback');
      assert.equal(result.steps, 0);
      assert.deepEqual(result.through, { name: 'trainFresh', line: 11 }, mode);
      assert.deepEqual(ids(result).sort(), ['fit-before-compile', 'training-step-throws'], mode);
      assert.equal(result.causes.find((cause) => cause.id === 'training-step-throws')?.line, 14, mode);
    }
    // Execute mode called it: the made-up data is said not to decide the verdict.
    const { result } = check('train-before-compile.mjs');
    assert.match(result.causes.find((cause) => cause.id === 'training-step-throws')?.message ?? '', /^fit throws on its first training step: You must compile a model before training\/testing/);
    assert.match(madeUpNote(result) ?? '', /calls trainFresh \(line 11\).*which tfjs refuses before it reads them: the model is not compiled.*so the made-up data does not decide the verdict\.$/);
  });

  it('a script that fits a model it never compiled fails on tfjs\'s refusal, not on a loss the check chose', () => {
    const { code, result } = check('fit-uncompiled.mjs');
    assert.equal(result.verdict, 'fail');
    assert.equal(code, 1);
    assert.equal(result.mode, 'execute');
    assert.equal(result.data.source, 'captured');
    assert.equal(result.steps, 0);
    assert.deepEqual(ids(result).sort(), ['fit-before-compile', 'training-step-throws']);
    assert.match(result.causes.find((cause) => cause.id === 'training-step-throws')?.message ?? '', /^fit throws on its first training step: The model needs to be compiled before being used\.$/);
    assert.ok(!(result.notes ?? []).some((note) => /never compiled in the code the check ran/.test(note)), 'no loss of the check\'s own');
  });

  it('a static failure of a cut-off step keeps the findings of the model it trains, in a file with several models', () => {
    const { result } = check('step-detached-two-models.mjs', ['--mode', 'static', '--model', 'policy']);
    assert.equal(result.verdict, 'fail');
    assert.equal(result.line, 4, 'the model\'s place');
    assert.deepEqual(ids(result).sort(), ['constant-kernel-initializer', 'data-sync-in-loss', 'loss-detached'].sort());
  });

  it('static mode goes through no other function whose loss it would not train with (a compiled model trains with its compile)', () => {
    const { result } = check('steps-compiled-model.mjs', ['--mode', 'static']);
    assert.equal(result.otherFunctions, undefined, JSON.stringify(result.notes));
  });

  it('a training method of an exported class nothing calls: the check makes an instance and calls it', () => {
    // A project of its own: below the repository, under test/, its code would count as test code.
    const { result } = check('trainer-project/trainer.mjs');
    assert.equal(result.verdict, 'fail', JSON.stringify(result.causes));
    assert.ok(ids(result).includes('sigmoid-cross-entropy-on-probabilities'), ids(result).join(', '));
    assert.match(madeUpNote(result) ?? '', /calls Trainer\.step \(line 10\), so the check called it with made-up data: `xs`, a 32×5 tensor of normal values/);
  });

  it('a loss below zero that levels off is inconclusive: its minimum is the code\'s own', () => {
    const { code, result } = check('step-negative-loss.mjs');
    assert.equal(result.verdict, 'inconclusive', JSON.stringify(result));
    assert.equal(code, 3);
    assert.equal(result.inconclusive?.reason, 'no-known-minimum');
  });
});
