import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatOverfitText } from './format-text';
import { BASE_STEPS, cutShort, MAX_DEFAULT_STEPS, settleVerdict, stepsFor, withoutExecuteAdvice } from './outcome';
import type { Cause, OverfitResult } from './types';

const falling = Array.from({ length: 30 }, (_, i) => 1.1 - i * 0.003);

function result(verdict: OverfitResult['verdict'], causes: Cause[], losses = falling): OverfitResult {
  return {
    verdict,
    model: 'model',
    backend: 'cpu',
    mode: 'execute',
    data: { source: 'captured', batchSize: 32 },
    steps: losses.length,
    initialLoss: losses[0]!,
    finalLoss: losses.at(-1)!,
    ms: 10,
    losses,
    layers: [],
    causes,
  };
}

const slow: Cause = { id: 'learning-rate-too-low', severity: 'warning', message: 'Raise the learning rate.' };
const adam = { name: 'adam', learningRate: 0.001 };

describe('the step budget', () => {
  it('fits the optimizer and its learning rate', () => {
    assert.equal(stepsFor({ name: 'adam', learningRate: 0.01 }), BASE_STEPS);
    assert.equal(stepsFor({ name: 'sgd', learningRate: 0.1 }), BASE_STEPS);
    assert.equal(stepsFor(adam), 1000);
    assert.ok(stepsFor(adam) > stepsFor({ name: 'sgd', learningRate: 0.1 }));
    assert.ok(stepsFor({ name: 'sgd', learningRate: 0.01 }) > BASE_STEPS);
    assert.ok(stepsFor({ name: 'momentum', learningRate: 0.01 }) < stepsFor({ name: 'sgd', learningRate: 0.01 }));
    assert.equal(stepsFor({ name: 'sgd', learningRate: 1e-9 }), MAX_DEFAULT_STEPS);
    assert.equal(stepsFor(undefined), BASE_STEPS);
  });
});

describe('the verdict', () => {
  it('is inconclusive when a failure only shows that the steps were too few for the optimizer', () => {
    const settled = settleVerdict(result('fail', [slow]), { steps: 30, optimizer: adam });
    assert.equal(settled.verdict, 'inconclusive');
    assert.equal(settled.inconclusive?.reason, 'too-few-steps');
    assert.match(settled.inconclusive!.message, /^30 steps were too few for adam at learning rate 0\.001/);
  });

  it('stays a failure with a cause of its own, a flat loss, or the steps the optimizer needs', () => {
    const dead: Cause = { id: 'dead-relu', severity: 'error', message: 'Dead.' };
    assert.equal(settleVerdict(result('fail', [dead, slow]), { steps: 30, optimizer: adam }).verdict, 'fail');
    const flat = Array.from({ length: 30 }, () => 0.69);
    assert.equal(settleVerdict(result('fail', [{ id: 'loss-not-decreasing', severity: 'error', message: 'Flat.' }], flat), { steps: 30, optimizer: adam }).verdict, 'fail');
    assert.equal(settleVerdict(result('fail', [slow]), { steps: 1000, optimizer: adam }).verdict, 'fail');
  });

  it('after a fallback to static mode: a pass is inconclusive, a failure stays one, and both say why', () => {
    const fallback = { reason: 'network' as const, message: 'the script downloads its data from example.com, which could not be reached' };
    const passed = settleVerdict(result('pass', []), { steps: 300, optimizer: adam, fallback });
    assert.equal(passed.verdict, 'inconclusive');
    assert.equal(passed.inconclusive?.reason, 'static-fallback');
    assert.deepEqual(passed.fallback, fallback);
    const failed = settleVerdict(result('fail', [{ id: 'dead-relu', severity: 'error', message: 'Dead.' }]), { steps: 300, optimizer: adam, fallback });
    assert.equal(failed.verdict, 'fail');
    assert.deepEqual(failed.fallback, fallback);
  });

  it('with a loss and optimizer the check chose (the code never compiles the model): a pass is inconclusive, a failure stays one', () => {
    const passed = settleVerdict(result('pass', []), { steps: 300, optimizer: adam, standIn: true });
    assert.equal(passed.verdict, 'inconclusive');
    assert.equal(passed.inconclusive?.reason, 'stand-in-training');
    assert.equal(settleVerdict(result('pass', []), { steps: 300, optimizer: adam }).verdict, 'pass');
    const dead: Cause = { id: 'dead-relu', severity: 'error', message: 'Dead.' };
    assert.equal(settleVerdict(result('fail', [dead]), { steps: 300, optimizer: adam, standIn: true }).verdict, 'fail');
    // Slow progress under the check's own choice of loss and optimizer is no finding.
    const slowly = settleVerdict(result('fail', [{ id: 'loss-not-decreasing', severity: 'error', message: 'Slow.' }, slow]), { steps: 1000, optimizer: adam, standIn: true });
    assert.equal(slowly.verdict, 'inconclusive');
    assert.equal(slowly.inconclusive?.reason, 'stand-in-training');
    // Under a verdict that blames nothing, slow progress is a warning, not an error.
    assert.deepEqual(
      slowly.causes.map((cause) => [cause.id, cause.severity]),
      [['loss-not-decreasing', 'warning'], [slow.id, slow.severity]],
    );
    assert.equal(settleVerdict(result('fail', [{ id: 'loss-not-decreasing', severity: 'error', message: 'Slow.' }]), { steps: 1000, optimizer: adam }).verdict, 'fail');
    // Still learning when the steps ran out: the check's choice is the reason, not the budget.
    const stillLearning: OverfitResult = { ...result('inconclusive', []), inconclusive: { reason: 'too-few-steps', message: 'Still falling.' } };
    const chosen = settleVerdict(stillLearning, { steps: 1000, optimizer: adam, standIn: true });
    assert.equal(chosen.inconclusive?.reason, 'stand-in-training');
    assert.match(chosen.inconclusive!.message, /^The model's layers were still learning the batch when the steps ran out, with a loss and an optimizer the check chose/);
    assert.equal(settleVerdict(stillLearning, { steps: 1000, optimizer: adam }).inconclusive?.reason, 'too-few-steps');
  });

  it('at stand-in sizes: too little learning is inconclusive unless a finding of the code explains it; a pass stays one', () => {
    const slowly: Cause = { id: 'loss-not-decreasing', severity: 'error', message: 'Slow.' };
    const capacity: Cause = { id: 'missing-capacity', severity: 'error', message: 'Linear.' };
    const small = settleVerdict(result('fail', [slowly, capacity]), { steps: 1000, optimizer: adam, standInValues: true });
    assert.equal(small.verdict, 'inconclusive');
    assert.equal(small.inconclusive?.reason, 'stand-in-values');
    assert.equal(settleVerdict(result('fail', [slowly]), { steps: 1000, optimizer: adam, standInValues: true, explainedByCode: true }).verdict, 'fail');
    assert.equal(settleVerdict(result('fail', [{ id: 'dead-relu', severity: 'error', message: 'Dead.' }]), { steps: 1000, optimizer: adam, standInValues: true }).verdict, 'fail');
    assert.equal(settleVerdict(result('pass', []), { steps: 300, optimizer: adam, standInValues: true }).verdict, 'pass');
  });

  it('a first training step that throws reads as a model that cannot train, without a loss line', () => {
    const threw: OverfitResult = { ...result('fail', [{ id: 'training-step-throws', severity: 'error', message: 'fit throws on its first training step: no.' }], []), initialLoss: Number.NaN, finalLoss: Number.NaN };
    const text = formatOverfitText(threw, (file) => file);
    assert.match(text, /^The model cannot train at all\.$/m);
    assert.doesNotMatch(text, /^loss /m);
  });

  it('reads as inconclusive at the top of the text report, with the fallback under it', () => {
    const fallback = { reason: 'missing-file' as const, message: 'the script reads data.csv, which does not exist' };
    const text = formatOverfitText(settleVerdict(result('pass', []), { steps: 300, optimizer: adam, fallback }), (file) => file);
    const lines = text.split('\n');
    assert.match(lines[0]!, /^INCONCLUSIVE {2}model/);
    assert.equal(lines[1], 'Static mode, not your data: execute mode fell back to rebuilding the model from the code because the script reads data.csv, which does not exist.');
    assert.match(text, /^Not conclusive: the check fell back to static mode: the rebuilt model was trained on the data written in the code/m);
    assert.equal(text.split('data.csv').length - 1, 1, 'the reason is said once');
    assert.doesNotMatch(text, /after --/, 'a missing file is no matter of arguments');
  });

  it('says how to give a script the arguments it wanted', () => {
    const fallback = { reason: 'arguments' as const, message: 'the script expects command-line arguments' };
    const lines = formatOverfitText(settleVerdict(result('pass', []), { steps: 300, optimizer: adam, fallback }), (file) => file).split('\n');
    assert.equal(lines[2], 'Give the script its arguments after --: tfjs-doctor overfit <file> -- <arguments>');
  });
});

describe('a failure on a made-up batch', () => {
  const tooLittle: Cause = { id: 'loss-not-decreasing', severity: 'error', message: 'Slow.' };
  const made = (causes: Cause[]): OverfitResult => ({ ...result('fail', causes), mode: 'static', data: { source: 'synthetic', batchSize: 32 } });

  it('that only shows slow progress, with no finding of the code, is inconclusive: the made-up inputs may be why', () => {
    const settled = settleVerdict(made([tooLittle]), { steps: 5000, optimizer: adam });
    assert.equal(settled.verdict, 'inconclusive');
    assert.equal(settled.inconclusive?.reason, 'synthetic-batch');
  });

  it('stays a failure when a finding of the code or the layers\' evidence explains it, or when the batch is the script\'s', () => {
    assert.equal(settleVerdict(made([tooLittle]), { steps: 5000, optimizer: adam, explainedByCode: true }).verdict, 'fail');
    assert.equal(settleVerdict(made([tooLittle, { id: 'dead-relu', severity: 'error', message: 'Dead.' }]), { steps: 5000, optimizer: adam }).verdict, 'fail');
    assert.equal(settleVerdict(result('fail', [tooLittle]), { steps: 5000, optimizer: adam }).verdict, 'fail');
  });
});

describe('advice for a check that already ran in execute mode', () => {
  it('points elsewhere than execute mode, and leaves other words alone', () => {
    assert.equal(
      withoutExecuteAdvice('whether it has the capacity its real data needs depends on that data, which is not known without running the code. Run the check in execute mode, or write the data in the code.'),
      'whether it has the capacity its real data needs depends on that data, which is not known without running the code. Write the data in the code.',
    );
    assert.equal(withoutExecuteAdvice('the input size comes from `n` (line 3), which is only known when the script runs: run the check in execute mode or give it a value'), 'the input size comes from `n` (line 3), which is only known when the script runs: give it a value');
    assert.equal(withoutExecuteAdvice('model cannot be rebuilt from the code alone: a layer added on only some code paths. Run the check in execute mode'), 'model cannot be rebuilt from the code alone: a layer added on only some code paths');
    assert.equal(withoutExecuteAdvice('The other variants may train differently: run the check in execute mode, or on a script that makes the choice, for theirs.'), 'The other variants may train differently: run the check on a script that makes the choice, for theirs.');
    assert.doesNotMatch(withoutExecuteAdvice('for a check at them, run the check in execute mode.'), /execute mode/);
    const plain = 'The batch is synthetic: it shows whether the model can learn.';
    assert.equal(withoutExecuteAdvice(plain), plain);
  });
});

describe('a check the time limit cut short', () => {
  it('says where training stopped: within its budget, or past it while the loss still fell', () => {
    const within = cutShort('training', [], Array.from({ length: 100 }, (_, i) => 1 - i / 200), { steps: 2000, backend: 'wasm', timeLimitMs: 3000 });
    assert.match(within!.inconclusive.message, /^Training stopped shortly before the time limit of 3 s, after 100 of 2000 steps on the wasm backend \(loss 1 → 0\.505\), before the check could tell\./);
    const past = cutShort('training', [], Array.from({ length: 2500 }, (_, i) => 1 - i / 5000), { steps: 2000, backend: 'wasm', timeLimitMs: 3000 });
    assert.match(past!.inconclusive.message, /after 2500 steps on the wasm backend \(loss 1 → 0\.5\), the loss still falling past the step budget of 2000, before the model had learned the batch\./);
  });
});
