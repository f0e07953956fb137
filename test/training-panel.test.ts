import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import * as fs from 'node:fs';
import { TRAINING_SETTING_KEYS, buildTrainingRequest, resolveTrainingSettings } from '../client/src/training-request';
import type { TrainingCall, TrainingEvent } from '../overfit/src/training/types';
import { packageRoot } from '../server/src/docs';
import { readTrainingFix } from '../shared/training-fix';
import { applyTrainingEvent, epochSeries, readTrainingWebviewMessage, trainingFixLabel } from '../shared/training-messages';

const ROOT = path.resolve('/workspace/project');
const file = (name: string): string => path.join(ROOT, name);
const at = { file: file('train.js'), line: 12 };

describe('training panel messages', () => {
  it('accepts the messages the panel sends', () => {
    for (const message of [
      { type: 'ready' },
      { type: 'rerun' },
      { type: 'stop' },
      { type: 'goto', file: file('train.js'), line: 12 },
      { type: 'fix', fix: { kind: 'set-epochs', at, epochs: 150 } },
      { type: 'fix', fix: { kind: 'add-early-stopping', at, monitor: 'val_loss', patience: 5 } },
      { type: 'fix', fix: { kind: 'shuffle-before-split', at } },
      { type: 'fix', fix: { kind: 'set-learning-rate', at, learningRate: 0.001 } },
    ]) {
      assert.deepEqual(readTrainingWebviewMessage(message), message);
    }
  });

  it('drops anything else', () => {
    for (const message of [
      null,
      'stop',
      [{ type: 'stop' }],
      { type: 'cancel' },
      { type: 'goto', file: file('train.js') },
      { type: 'goto', file: '', line: 3 },
      { type: 'goto', file: file('train.js'), line: 1.5 },
      { type: 'fix' },
      { type: 'fix', fix: { kind: 'set-epochs', at, epochs: 0 } },
      { type: 'fix', fix: { kind: 'set-epochs', at, epochs: '150' } },
      { type: 'fix', fix: { kind: 'set-epochs', at: { file: file('train.js') }, epochs: 15 } },
      { type: 'fix', fix: { kind: 'set-epochs', at: { file: 'a\0b', line: 2 }, epochs: 15 } },
      { type: 'fix', fix: { kind: 'add-early-stopping', at, monitor: "val_loss' }); evil({ '", patience: 5 } },
      { type: 'fix', fix: { kind: 'add-early-stopping', at, monitor: 'val_loss', patience: -1 } },
      { type: 'fix', fix: { kind: 'set-learning-rate', at, learningRate: Number.NaN } },
      { type: 'fix', fix: { kind: 'set-learning-rate', at, learningRate: -0.1 } },
      { type: 'fix', fix: { kind: 'rewrite-everything', at } },
    ]) {
      assert.equal(readTrainingWebviewMessage(message), undefined, JSON.stringify(message));
    }
  });

  it('keeps only the fields of the message and of its fix', () => {
    assert.deepEqual(readTrainingWebviewMessage({ type: 'stop', force: true }), { type: 'stop' });
    assert.deepEqual(readTrainingWebviewMessage({ type: 'fix', fix: { kind: 'shuffle-before-split', at: { ...at, column: 4 }, text: 'rm -rf /' } }), { type: 'fix', fix: { kind: 'shuffle-before-split', at } });
    assert.deepEqual(readTrainingFix({ kind: 'set-epochs', at, epochs: 20, monitor: 'loss' }), { kind: 'set-epochs', at, epochs: 20 });
  });
});

describe('training panel record', () => {
  const start: TrainingEvent = { type: 'call-start', call: { index: 0, kind: 'fit', model: 'model', at, config: { epochs: 3, validationSplit: 0.2 } } };

  it('builds the calls from the events as they arrive, in place', () => {
    const calls: TrainingCall[] = [];
    applyTrainingEvent(calls, start);
    const first = calls[0]!;
    applyTrainingEvent(calls, { type: 'batch', call: 0, record: { step: 0, epoch: 0, loss: 1.2 } });
    applyTrainingEvent(calls, { type: 'epoch', call: 0, record: { epoch: 0, logs: { loss: 1, val_loss: 1.1, acc: 0.5, val_acc: 0.4 }, at: 30 } });
    applyTrainingEvent(calls, { type: 'layers', call: 0, sample: { step: 0, epoch: 0, layers: [{ name: 'dense_1', type: 'Dense', gradNorm: 0.3, updateRatio: 0.01 }] } });
    assert.equal(calls[0], first, 'the call grows in place');
    assert.equal(first.end, 'running');
    applyTrainingEvent(calls, { type: 'call-end', call: 0, end: 'threw', error: 'NaN loss' });
    assert.deepEqual(
      { epochs: first.epochs.length, batches: first.batches.length, samples: first.layerSamples.length, end: first.end, error: first.error },
      { epochs: 1, batches: 1, samples: 1, end: 'threw', error: 'NaN loss' },
    );
  });

  it('leaves out events of a call whose start it did not see', () => {
    const calls: TrainingCall[] = [];
    applyTrainingEvent(calls, { type: 'epoch', call: 2, record: { epoch: 0, logs: { loss: 1 }, at: 3 } });
    applyTrainingEvent(calls, { type: 'call-end', call: 2, end: 'finished' });
    assert.equal(calls.filter(Boolean).length, 0);
  });

  it('splits the epoch logs into loss curves and metrics', () => {
    const calls: TrainingCall[] = [];
    applyTrainingEvent(calls, start);
    applyTrainingEvent(calls, { type: 'epoch', call: 0, record: { epoch: 0, logs: { acc: 0.5, loss: 1 }, at: 3 } });
    applyTrainingEvent(calls, { type: 'epoch', call: 0, record: { epoch: 1, logs: { acc: 0.6, loss: 0.9, val_loss: 1, val_acc: 0.5 }, at: 6 } });
    assert.deepEqual(epochSeries(calls[0]!), { losses: ['loss', 'val_loss'], metrics: ['acc', 'val_acc'] });
  });

  it('labels each fix by what it changes', () => {
    assert.equal(trainingFixLabel({ kind: 'set-epochs', at, epochs: 150 }), 'Set epochs to 150');
    assert.equal(trainingFixLabel({ kind: 'add-early-stopping', at, monitor: 'val_loss', patience: 5 }), 'Add early stopping on val_loss (patience 5)');
    assert.equal(trainingFixLabel({ kind: 'shuffle-before-split', at }), 'Shuffle the data before the validation split');
    assert.equal(trainingFixLabel({ kind: 'set-learning-rate', at, learningRate: 0.003 }), 'Set the learning rate to 0.003');
  });
});

describe('training run request', () => {
  const targets = [{ name: 'model', file: file('train.js'), line: 4, endLine: 9, regions: [{ file: file('train.js'), start: 4, end: 9 }] }];

  it('is refused in an untrusted workspace: a training run runs the workspace\'s code', () => {
    const refused = buildTrainingRequest({ file: file('train.js'), trusted: false, targets, unsavedText: 'await model.fit(xs, ys)' });
    assert.ok('refused' in refused);
    assert.match(refused.refused, /trust the workspace/);
  });

  it('runs the editor\'s unsaved text, and names the file\'s models by their places', () => {
    const request = buildTrainingRequest({ file: file('train.js'), trusted: true, targets, unsavedText: 'await model.fit(xs, ys)' });
    assert.ok(!('refused' in request));
    assert.equal(request.fileContents, 'await model.fit(xs, ys)');
    assert.deepEqual(request.targets, [{ name: 'model', file: file('train.js'), line: 4, endLine: 9 }]);
    assert.ok(request.searchPaths.length > 0, 'the project folders, for its tfjs-node');
  });

  it('takes its limits from the settings, within the manifest\'s bounds, and never from an untrusted workspace', () => {
    assert.deepEqual(resolveTrainingSettings({}, true), { timeLimit: 600, memoryLimit: 4096 });
    assert.deepEqual(resolveTrainingSettings({ timeLimit: { globalValue: 60, workspaceValue: 1 }, memoryLimit: { workspaceValue: 'lots' } }, true), { timeLimit: 5, memoryLimit: 4096 });
    assert.deepEqual(resolveTrainingSettings({ timeLimit: { globalValue: 60, workspaceValue: 100_000 } }, false), { timeLimit: 60, memoryLimit: 4096 });
  });

  it('has its settings in the manifest, with the same defaults, restricted in an untrusted workspace', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as {
      capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } };
      contributes: { configuration: { properties: Record<string, { default?: unknown }> } };
    };
    const defaults = resolveTrainingSettings({}, true);
    for (const key of TRAINING_SETTING_KEYS) {
      assert.ok(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations.includes(`tfjsDoctor.training.${key}`), `${key} is restricted`);
      assert.equal(manifest.contributes.configuration.properties[`tfjsDoctor.training.${key}`]?.default, defaults[key]);
    }
  });
});
