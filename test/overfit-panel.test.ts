import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { CheckFiles } from '../client/src/check-files';
import { findingAt, preferredFix } from '../client/src/finding-fix';
import { buildOverfitRequest, readModelArgument, resolveOverfitSettings } from '../client/src/overfit-request';
import { chooseTarget } from '../overfit/src/check';
import { callerSite } from '../overfit/src/creation-sites';
import { locationKey, parseLocation, targetAt } from '../overfit/src/model-location';
import type { Cause, ModelTarget } from '../overfit/src/types';
import { explainFailure } from '../shared/overfit-failure';
import { readWebviewMessage } from '../shared/overfit-messages';
import { classSummary, elapsedText, phaseText } from '../shared/overfit-wording';

const ROOT = path.resolve('/workspace/project');
const file = (name: string): string => path.join(ROOT, name);

describe('overfit panel messages', () => {
  it('accepts the messages the panel sends', () => {
    for (const message of [
      { type: 'ready' },
      { type: 'rerun' },
      { type: 'cancel' },
      { type: 'goto', file: file('model.ts'), line: 12 },
      { type: 'fix', file: file('model.ts'), line: 12, ruleId: 'softmax-with-binary-crossentropy' },
      { type: 'find-rate' },
      { type: 'use-rate', learningRate: 0.0032 },
      { type: 'use-rate', learningRate: 10 },
      { type: 'use-rate', learningRate: 1e-8 },
    ]) {
      assert.deepEqual(readWebviewMessage(message), message);
    }
  });

  it('drops anything else', () => {
    for (const message of [
      null,
      'goto',
      { type: 'open', file: file('model.ts') },
      { type: 'goto', file: file('model.ts') },
      { type: 'goto', file: 42, line: 1 },
      { type: 'goto', file: '', line: 1 },
      { type: 'goto', file: file('model.ts'), line: 0 },
      { type: 'goto', file: file('model.ts'), line: 2.5 },
      { type: 'goto', file: file('model.ts'), line: '3' },
      { type: 'fix', file: file('model.ts'), line: 3 },
      { type: 'fix', file: file('model.ts'), line: 3, ruleId: '../../etc' },
      { type: 'use-rate' },
      { type: 'use-rate', learningRate: '0.01' },
      { type: 'use-rate', learningRate: 0 },
      { type: 'use-rate', learningRate: -0.01 },
      { type: 'use-rate', learningRate: Number.NaN },
      { type: 'use-rate', learningRate: Number.POSITIVE_INFINITY },
      { type: 'use-rate', learningRate: 11 },
      { type: 'use-rate', learningRate: { valueOf: () => 0.01 } },
    ]) {
      assert.equal(readWebviewMessage(message), undefined, JSON.stringify(message));
    }
  });

  it('keeps only the fields of the message', () => {
    assert.deepEqual(readWebviewMessage({ type: 'goto', file: file('model.ts'), line: 3, command: 'rm -rf /' }), { type: 'goto', file: file('model.ts'), line: 3 });
    assert.deepEqual(readWebviewMessage({ type: 'use-rate', learningRate: 0.01, file: file('other.ts') }), { type: 'use-rate', learningRate: 0.01 });
    assert.deepEqual(readWebviewMessage({ type: 'find-rate', steps: 1e9 }), { type: 'find-rate' });
  });
});

describe('files of an overfit check', () => {
  const targets: ModelTarget[] = [
    { name: 'model', file: file('model.ts'), line: 3, regions: [{ file: file('model.ts'), start: 3, end: 9 }, { file: file('train.ts'), start: 4, end: 6 }] },
  ];
  const causes: Cause[] = [{ id: 'dead-relu', message: 'Most ReLU units never fire.', severity: 'warning', file: file('layers/dense.ts'), line: 2 }];

  it('are the checked file, the files of its models and of the causes it shows', () => {
    const files = new CheckFiles(file('train.ts'), targets, { file: file('model.ts'), causes });
    for (const name of ['train.ts', 'model.ts', 'layers/dense.ts', './layers/../model.ts']) assert.ok(files.has(file(name)), name);
  });

  it('are no others', () => {
    const files = new CheckFiles(file('train.ts'), targets);
    for (const other of [file('layers/dense.ts'), file('secrets.ts'), path.resolve('/etc/passwd'), path.join(ROOT, '..', 'model.ts')]) assert.equal(files.has(other), false, other);
  });
});

describe('which model a "Run overfit check" asks for', () => {
  it('reads the lens\'s place and name, or a name alone', () => {
    assert.deepEqual(readModelArgument({ name: 'cnn', file: file('nets.ts'), line: 12 }), { name: 'cnn', at: { file: file('nets.ts'), line: 12 } });
    assert.deepEqual(readModelArgument('cnn'), { name: 'cnn' });
    for (const nothing of [undefined, '', 42, { file: file('nets.ts'), line: 0 }, { file: 3, line: 2 }, { line: 2 }]) assert.equal(readModelArgument(nothing).at, undefined, JSON.stringify(nothing));
  });

  it('asks the worker for the model at that place, not by its name', () => {
    const settings = resolveOverfitSettings({}, true);
    const request = buildOverfitRequest({ file: file('nets.ts'), trusted: true, settings, targets: [], model: 'cnn', at: { file: file('nets.ts'), line: 12 } });
    assert.deepEqual(request.at, { file: file('nets.ts'), line: 12 });
    assert.equal(request.model, undefined);
  });

  // Two factories that both call their model cnn.
  const twins: ModelTarget[] = [
    { name: 'cnn', file: file('nets.ts'), line: 4 },
    { name: 'cnn', file: file('nets.ts'), line: 11, endLine: 14 },
  ];

  it('finds each of two models of the same name by its place', () => {
    assert.equal(chooseTarget(twins, 'cnn', { file: file('nets.ts'), line: 11 }), twins[1]);
    assert.equal(chooseTarget(twins, undefined, { file: file('nets.ts'), line: 4 }), twins[0]);
    // A place on a later line of a creation that spans lines is that model's too.
    assert.equal(targetAt(twins, { file: file('nets.ts'), line: 13 }), twins[1]);
    assert.equal(chooseTarget(twins, undefined, { file: file('nets.ts'), line: 7 }), undefined);
    assert.equal(chooseTarget(twins, undefined, { file: file('other.ts'), line: 4 }), undefined);
    assert.notEqual(locationKey(twins[0]!), locationKey(twins[1]!));
  });

  it('reads a place from --model: `:12` in the file checked, `lib/nets.ts:12` from the folder', () => {
    assert.deepEqual(parseLocation(':12', file('nets.ts'), ROOT), { file: file('nets.ts'), line: 12 });
    assert.deepEqual(parseLocation('lib/nets.ts:3', file('nets.ts'), ROOT), { file: file('lib/nets.ts'), line: 3 });
    for (const name of ['cnn', '2', ':0', 'cnn:']) assert.equal(parseLocation(name, file('nets.ts'), ROOT), undefined, name);
  });

  it('tells where the script created a model from the stack of the call', () => {
    const stack = ['Error', '    at Object.sequential (/ext/dist/overfit-worker.js:10:5)', `    at buildDeep (${file('nets.mjs')}:12:18)`, '    at main (node:internal/x:1:1)'].join('\n');
    assert.deepEqual(callerSite(stack), { file: file('nets.mjs'), line: 12 });
    assert.deepEqual(callerSite(['Error', '    at f (/a.js:1:1)', `    at ${pathToFileURL(file('nets.mjs')).href}:7:3`].join('\n')), { file: file('nets.mjs'), line: 7 });
    assert.equal(callerSite(['Error', '    at f (/a.js:1:1)', '    at node:internal/main:3:4'].join('\n')), undefined);
    assert.equal(callerSite(undefined), undefined);
  });
});

describe('the panel\'s Fix', () => {
  type Diagnostic = { source: string; code: { value: string }; range: { start: { line: number }; end: { line: number } } };
  const at = (start: number, end = start, rule = 'softmax-with-binary-crossentropy'): Diagnostic => ({ source: 'tfjs-doctor', code: { value: rule }, range: { start: { line: start }, end: { line: end } } });

  it('acts on the rule\'s finding on that line, else one spanning it, else the nearest', () => {
    const onLine = at(5);
    assert.equal(findingAt([at(2), onLine, at(5, 5, 'missing-bias')], 6, 'softmax-with-binary-crossentropy', 'tfjs-doctor'), onLine);
    const spanning = at(3, 8);
    assert.equal(findingAt([at(1), spanning], 6, 'softmax-with-binary-crossentropy', 'tfjs-doctor'), spanning);
    const nearest = at(9);
    assert.equal(findingAt([at(1), nearest], 8, 'softmax-with-binary-crossentropy', 'tfjs-doctor'), nearest);
    assert.equal(findingAt([{ ...at(5), source: 'eslint' }], 6, 'softmax-with-binary-crossentropy', 'tfjs-doctor'), undefined);
  });

  it('applies the preferred fix of that rule, and only an edit', () => {
    const finding = at(5);
    const suggestion = { title: 'Use another loss', isPreferred: false, edit: {}, diagnostics: [finding] };
    const disable = { title: 'Disable', edit: {}, diagnostics: [finding] };
    const preferred = { title: "Use a 'sigmoid' output activation", isPreferred: true, edit: {}, diagnostics: [finding] };
    const otherRule = { title: 'Add the bias', isPreferred: true, edit: {}, diagnostics: [at(5, 5, 'missing-bias')] };
    assert.equal(preferredFix([otherRule, suggestion, disable, preferred], 'softmax-with-binary-crossentropy'), preferred);
    assert.equal(preferredFix([otherRule, suggestion, disable], 'softmax-with-binary-crossentropy'), undefined);
    assert.equal(preferredFix([{ ...preferred, edit: undefined }], 'softmax-with-binary-crossentropy'), undefined);
  });
});

describe('how the panel words a check that could not run', () => {
  const internal = 'cnn cannot be rebuilt from the code alone: the first dimension of the input shape of the conv2d layer at line 4 is not known without running the code (the parameter n). Run the check in execute mode';

  it('a headline, the reason as a sentence, and one next step that fits the workspace', () => {
    const untrusted = explainFailure(internal, { mode: 'static', trusted: false });
    assert.equal(untrusted.headline, 'The model cannot be rebuilt from the code alone.');
    assert.equal(untrusted.detail, 'The first dimension of the input shape of the conv2d layer at line 4 is not known without running the code (the parameter n).');
    assert.match(untrusted.nextStep, /^Trust the workspace/);
    assert.match(explainFailure(internal, { mode: 'static', trusted: true }).nextStep, /"tfjsDoctor\.overfit\.mode" to "execute"/);
    const both = explainFailure('the script threw before training a model: boom; the model cannot be rebuilt from the code alone either (the loss is a function of the code)', { mode: 'execute', trusted: true });
    assert.equal(both.headline, 'Running the file gave no model to check, and the model cannot be rebuilt from the code alone.');
    assert.equal(both.detail, 'The script threw before training a model: boom. The loss is a function of the code.');
  });

  it('a factory nobody calls with values: the same next step in both modes, to call it from a script', () => {
    const reason = 'the input size of the embedding layer (line 6) comes from the parameter `numUsers` of buildRecommender (line 3), and no call in the project (tests aside) gives it a value: call buildRecommender from a script with real values and run the check on that script';
    for (const [message, mode] of [
      [`model cannot be rebuilt from the code alone: ${reason}`, 'static'],
      [`the file trains no model when run, and ${reason}`, 'execute'],
    ] as const) {
      const report = explainFailure(message, { mode, trusted: true });
      assert.equal(report.headline, 'The model is built from arguments of buildRecommender, and nothing in the project calls it with values.');
      assert.equal(report.detail, 'The input size of the embedding layer (line 6) comes from the parameter `numUsers` of buildRecommender (line 3).');
      assert.equal(report.nextStep, 'Call buildRecommender from a script with real values, and run the check on that script.');
    }
  });

  it('a package the script imports that is not installed: the package, where, and how to install it', () => {
    const report = explainFailure('the package "prettytable" the script imports (occupancy.js:12) is not installed: install the project\'s dependencies (npm install) and run the check again', { mode: 'execute', trusted: true });
    assert.equal(report.headline, 'The package "prettytable" is not installed.');
    assert.equal(report.detail, 'The script imports it at occupancy.js:12, so it cannot run here.');
    assert.match(report.nextStep, /^Install the project's dependencies \(npm install\)/);
  });

  it('names the setting to change when a limit stopped the check', () => {
    const timeout = explainFailure('the check did not finish within 120 s (the script may loop forever or wait for something that never comes)', { mode: 'static', trusted: true });
    assert.equal(timeout.headline, 'The check ran out of time after 120 seconds.');
    assert.match(timeout.nextStep, /tfjsDoctor\.overfit\.timeLimit/);
    assert.match(explainFailure("the check's process used more than 4096 MB of memory, its limit, and was stopped", { mode: 'execute', trusted: true }).nextStep, /tfjsDoctor\.overfit\.memoryLimit/);
  });

  it('says what the script did, and turns anything else into a sentence with a next step', () => {
    const threw = explainFailure('the script threw before training a model: ENOENT: no such file, open data.csv (/p/train.js:3)', { mode: 'execute', trusted: true });
    assert.equal(threw.headline, 'The script stopped with an error before it trained the model.');
    assert.equal(threw.detail, 'ENOENT: no such file, open data.csv (/p/train.js:3).');
    const other = explainFailure('something odd happened\n    at x (y.js:1:1)', { mode: 'execute', trusted: true });
    assert.equal(other.headline, 'The check could not run.');
    assert.equal(other.detail, 'Something odd happened.');
    assert.match(other.nextStep, /Show Output/);
  });
});

describe('how the panel words a run', () => {
  it('sums up the classes of the batch instead of listing every count', () => {
    assert.equal(classSummary([4, 3, 5]), '3 classes (4, 3 and 5 samples)');
    assert.equal(classSummary([4, 3, 3, 3, 5, 4, 2, 3, 3, 2]), '10 classes, 2 to 5 samples each');
    assert.equal(classSummary([4, 4, 4, 4, 4, 0]), '6 classes, 4 samples each, 1 class without samples');
    assert.equal(classSummary([32]), 'one class');
  });

  it('names the phase, the step out of the budget, and the time taken', () => {
    assert.equal(phaseText('starting'), 'Starting');
    assert.equal(phaseText('learning-rate range test', 9), 'Learning-rate range test, step 10/100');
    assert.equal(phaseText('capturing'), 'Running the script up to its first training call');
    assert.equal(phaseText('building'), 'Rebuilding the model from the code');
    assert.equal(phaseText('training', 41, 300), 'Training step 42/300');
    assert.equal(phaseText('training', 340, 300), 'Training step 341');
    assert.equal(phaseText('learning rate ÷ 10', 9), 'Control run (learning rate ÷ 10), step 10');
    assert.equal(elapsedText(4_900), '4 s');
    assert.equal(elapsedText(65_000), '1 min 05 s');
  });
});
