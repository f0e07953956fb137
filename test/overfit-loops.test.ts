/**
 * The overfit check on custom training loops and on models built by factories with parameters,
 * in execute mode: the first training step the script reaches is what is checked.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { OverfitResult } from '../overfit/src/types';
import { FIXTURES, runOverfit, type Outcome } from './support/overfit-cli';


function overfit(fixture: string, ...args: string[]): Outcome {
  return runOverfit(path.join(FIXTURES, fixture), args, { steps: 200 });
}

function verdict(outcome: ReturnType<typeof overfit>, expected: 'pass' | 'fail'): OverfitResult {
  assert.ok(outcome.result, `no result: exit ${outcome.code}\n${outcome.stdout}${outcome.stderr}`);
  assert.equal(outcome.result.verdict, expected, JSON.stringify(outcome.result.causes));
  assert.equal(outcome.code, expected === 'pass' ? 0 : 1);
  return outcome.result;
}

const ids = (result: OverfitResult) => result.causes.map((cause) => cause.id);

describe('overfit check: custom training loops', () => {
  it('optimizer.minimize over a model: its first batch is learned, with evidence per layer', () => {
    const result = verdict(overfit('custom-loop-minimize.mjs'), 'pass');
    assert.equal(result.mode, 'execute');
    assert.equal(result.data.source, 'captured');
    assert.equal(result.data.batchSize, 32, 'the batch of the first step');
    assert.equal(result.line, 23, 'the line of the step');
    assert.deepEqual(result.layers.map((layer) => [layer.name.replace(/\d+$/, ''), layer.type]), [['dense_Dense', 'Dense'], ['dense_Dense', 'Dense']]);
    assert.ok(result.layers.every((layer) => layer.gradNorm > 0 && layer.updateRatio > 0), JSON.stringify(result.layers));
  });

  it('optimizer.minimize on a loss read out with dataSync: detached, said so at its line', () => {
    const result = verdict(overfit('custom-loop-detached.mjs'), 'fail');
    assert.equal(result.causes[0]!.id, 'loss-detached');
    assert.equal(result.causes[0]!.line, 11);
    assert.ok(result.layers.length === 2 && result.layers.every((layer) => layer.gradNorm === 0));
  });

  it('tf.variableGrads with the update applied by hand: trained at the rate the script uses', () => {
    const result = verdict(overfit('custom-loop-variable-grads.mjs'), 'pass');
    assert.deepEqual(result.layers.map((layer) => layer.name), ['weights', 'bias']);
    assert.ok(result.notes?.some((note) => /moved the weights by 0\.1 × the gradient/.test(note)), JSON.stringify(result.notes));
    assert.equal(result.data.batchSize, 40);
  });

  it('tf.variableGrads with optimizer.applyGradients at a huge learning rate: fails with that cause', () => {
    const result = verdict(overfit('custom-loop-huge-rate.mjs'), 'fail');
    assert.ok(ids(result).includes('learning-rate-too-high'), ids(result).join(', '));
  });

  it('tf.grads on plain tensors, the update by hand: the check trains its own copies', () => {
    const result = verdict(overfit('custom-loop-grads.mjs'), 'pass');
    assert.equal(result.layers.length, 2);
    assert.ok(result.notes?.some((note) => /moved the weights by 0\.05 × the gradient/.test(note)), JSON.stringify(result.notes));
  });
});

describe('overfit check: a training loop nothing runs', () => {
  it('no model and a loop over variables in a function nothing calls: both modes name the step and its line, and say what to do', () => {
    const statically = overfit('uncalled-loop.mjs', '--mode', 'static');
    assert.equal(statically.code, 2);
    assert.match(statically.stderr, /no TensorFlow\.js model was found in the file: its training step, optimizer\.minimize \(line 9\), trains variables of the code's own, which only running the code can check\. Run the check in execute mode on a script that runs it\n$/);
    const executed = overfit('uncalled-loop.mjs');
    assert.equal(executed.code, 2);
    assert.match(executed.stderr, /its training step, optimizer\.minimize \(line 9\), never ran: call the function that takes it from a script with real data and run the check on that script\n$/);
  });
});

describe('overfit check: factories with parameters and loss functions', () => {
  it('execute mode: a factory with parameters and a run-time input size is checked at its first fit', () => {
    const result = verdict(overfit('factory-with-parameters.mjs'), 'pass');
    assert.equal(result.mode, 'execute');
    assert.equal(result.data.source, 'captured');
    assert.equal(result.data.batchSize, 30);
  });

  it('static mode: the same factory is built with a stand-in for the size, named with its variable and line', () => {
    const outcome = overfit('factory-with-parameters.mjs', '--mode', 'static');
    assert.ok(outcome.result && outcome.result.verdict !== 'fail', outcome.stdout + outcome.stderr);
    assert.equal(outcome.result.mode, 'static');
    assert.ok(
      outcome.result.notes?.some((note) => note.startsWith('The code does not say every size of the model, so the check used stand-ins: 8 for the input size of the dense layer (line 6) (from `numFeatures` (line 18), known only when the script runs).') && note.endsWith('for a check at them, run the check in execute mode.')),
      JSON.stringify(outcome.result.notes),
    );
  });

  it('execute mode: an exported factory nothing calls is called with stand-ins for its size parameters, and runs its own layers', () => {
    const result = verdict(overfit(path.join('factory-module', 'custom-layer.mjs')), 'pass');
    assert.equal(result.mode, 'execute');
    assert.equal(result.model, 'buildWithScale');
    assert.ok(
      result.notes?.includes('No call in the project gives buildWithScale its sizes, so the check called it with stand-ins: 8 for `features`, 8 for `classes`. At your values the model may train differently: for a check at them, call buildWithScale from a script with real values and run the check on that script.'),
      JSON.stringify(result.notes),
    );
  });

  it('a factory whose layers come one per entry of a list nothing gives: both modes build it with a list of two stand-in sizes', () => {
    const executed = overfit('list-factory.mjs');
    assert.ok(executed.result && executed.result.verdict !== 'fail', executed.stdout + executed.stderr);
    assert.equal(executed.result.mode, 'execute');
    assert.equal(executed.result.layers.filter((layer) => layer.type === 'Dense').length, 3, JSON.stringify(executed.result.layers));
    const called = executed.result.notes?.[0] ?? '';
    assert.match(called, /^No call in the project gives createClassifier its sizes, so the check called it with stand-ins: /);
    assert.ok(called.includes('8 for `units` of the dense layer (line 7) (from entry 2 of `hiddenSizes`, a list parameter of createClassifier (line 4) that the code does not give)'), called);
    const rebuilt = overfit('list-factory.mjs', '--mode', 'static');
    assert.ok(rebuilt.result && rebuilt.result.verdict !== 'fail', rebuilt.stdout + rebuilt.stderr);
    assert.equal(rebuilt.result.layers.filter((layer) => layer.type === 'Dense').length, 3);
    assert.ok(rebuilt.result.notes?.includes("The code does not give createClassifier the list `hiddenSizes` the model's layers are made from, one per entry (no call gives it, or only the running script knows it), so the check built the model with 2 entries in it."), JSON.stringify(rebuilt.result.notes));
  });

  it('execute mode: a file that only defines a factory with parameters runs the script that imports and trains it', () => {
    const result = verdict(overfit(path.join('factory-module', 'model.mjs')), 'pass');
    assert.equal(result.mode, 'execute');
    assert.equal(result.data.source, 'captured');
    assert.deepEqual(result.data.classCounts?.length, 5, 'the classes of the data train.mjs trains on');
    assert.ok(result.notes?.some((note) => /so train\.mjs, which trains this one, was run to its first training step/.test(note)), JSON.stringify(result.notes));
  });

  it('static mode: the factory is built with the arguments of the script that calls it', () => {
    const result = verdict(overfit(path.join('factory-module', 'model.mjs'), '--mode', 'static'), 'pass');
    assert.equal(result.data.classCounts?.length, 5);
  });

  for (const mode of ['execute', 'static']) {
    it(`${mode} mode: a tfjs loss function (tf.losses.sigmoidCrossEntropy) gets its labels`, () => {
      const result = verdict(overfit('loss-function.mjs', '--mode', mode), 'pass');
      assert.equal(result.mode, mode);
      assert.ok(result.data.classCounts && result.data.classCounts.length === 2, 'binary labels');
    });
  }

  it('execute mode: a loss function of the code gets labels from the output activation, with the reason', () => {
    const result = verdict(overfit('custom-loss-function.mjs'), 'pass');
    assert.equal(result.mode, 'execute');
    assert.ok(result.notes?.some((note) => /the made-up batch has one-hot classes, as its softmax output suggests/.test(note)), JSON.stringify(result.notes));
  });

  it('static mode: a loss function of the code is stood in for by the loss of the output activation', () => {
    const result = verdict(overfit('custom-loss-function.mjs', '--mode', 'static'), 'pass');
    assert.ok(result.notes?.some((note) => /trains with categoricalCrossentropy instead, the loss that matches its softmax output/.test(note)), JSON.stringify(result.notes));
  });
});
