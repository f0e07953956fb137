// test-process: own (starts watched training runs in child processes, and loads tfjs in its own process)
/**
 * Watched training runs of small scripts (test/training-fixtures/), through the runner as the editor
 * and the command line start them: every training call is recorded as it happens, the script's own
 * callbacks run as they would alone, a stopped or timed-out run keeps what it measured, and
 * `tfjs-doctor train` prints the record and exits with the documented codes.
 */
import * as assert from 'node:assert/strict';
import * as cp from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { hasEarlyStopping, standardCallbacks, withCallback } from '../overfit/src/training/callbacks';
import { runTraining, type TrainingOutcome, type TrainingRunOptions } from '../overfit/src/training/run';
import type { TrainingCall, TrainingEvent, TrainingRecord } from '../overfit/src/training/types';
import type { TrainJson } from '../server/src/cli/train';
import { packageRoot } from '../server/src/docs';

const root = packageRoot();
const FIXTURES = path.join(root, 'test', 'training-fixtures');
const CLI = path.join(root, 'dist', 'cli.js');

interface Watched {
  readonly outcome: TrainingOutcome;
  readonly events: TrainingEvent[];
  readonly output: string;
}

async function watch(fixture: string, options: Partial<TrainingRunOptions> = {}): Promise<Watched> {
  const file = path.join(FIXTURES, fixture);
  const events: TrainingEvent[] = [];
  let output = '';
  const outcome = await runTraining(
    { file, searchPaths: [], backend: 'cpu', seed: 1 },
    {
      workerPath: path.join(root, 'dist', 'overfit-worker.js'),
      memoryLimitMb: 2048,
      cwd: FIXTURES,
      timeLimitMs: 60_000,
      onOutput: (text) => (output += text),
      ...options,
      onEvent: (event) => {
        events.push(event);
        options.onEvent?.(event);
      },
    },
  );
  return { outcome, events, output };
}

function recordOf(watched: Watched): TrainingRecord {
  assert.equal(watched.outcome.kind, 'record', watched.outcome.kind === 'failed' ? watched.outcome.message : '');
  return (watched.outcome as Extract<TrainingOutcome, { kind: 'record' }>).record;
}

function onlyCall(record: TrainingRecord): TrainingCall {
  assert.equal(record.calls.length, 1, JSON.stringify(record.calls.map((call) => [call.kind, call.model])));
  return record.calls[0]!;
}

const fixture = (name: string) => path.join(FIXTURES, name);
const isDecreasing = (values: readonly number[]) => values.at(-1)! < values[0]!;

describe('a watched run of fit', () => {
  it('records every epoch with its validation loss, a batch loss per step, the config and the places', async () => {
    const watched = await watch('fit-validation.mjs');
    const record = recordOf(watched);
    assert.equal(record.end, 'finished');
    assert.equal(record.backend, 'cpu');
    const call = onlyCall(record);
    assert.equal(call.kind, 'fit');
    assert.equal(call.end, 'finished');
    assert.deepEqual(call.at, { file: fixture('fit-validation.mjs'), line: 12 });
    assert.deepEqual(call.modelAt, { file: fixture('fit-validation.mjs'), line: 4 });
    assert.deepEqual(call.config, { epochs: 8, batchSize: 16, validationSplit: 0.25, validationData: false, shuffle: true, optimizer: 'Adam', learningRate: 0.05, samples: 64, earlyStopping: false });
    assert.deepEqual(call.epochs.map((epoch) => epoch.epoch), [0, 1, 2, 3, 4, 5, 6, 7]);
    assert.deepEqual(Object.keys(call.epochs[0]!.logs), ['loss', 'val_loss']);
    assert.ok(call.epochs.every((epoch) => Number.isFinite(epoch.logs['loss']) && Number.isFinite(epoch.logs['val_loss'])), JSON.stringify(call.epochs));
    assert.ok(isDecreasing(call.epochs.map((epoch) => epoch.logs['loss']!)));
    // 48 training samples (a quarter is held out) in batches of 16: 3 steps an epoch.
    assert.deepEqual(call.batches.map((batch) => batch.step), Array.from({ length: 24 }, (_, step) => step));
    assert.deepEqual([...new Set(call.batches.map((batch) => batch.epoch))], [0, 1, 2, 3, 4, 5, 6, 7]);
    // The script's own callback ran for every epoch.
    assert.match(watched.output, /own callback saw 8 epochs/);
  });

  it('measures the layers a few times: gradient norms, update ratios, and dead units of ReLU layers', async () => {
    const call = onlyCall(recordOf(await watch('fit-validation.mjs')));
    assert.ok(call.layerSamples.length >= 3 && call.layerSamples.length <= 8, String(call.layerSamples.length));
    assert.equal(call.layerSamples[0]!.epoch, 0);
    assert.equal(call.layerSamples.at(-1)!.epoch, 7);
    for (const sample of call.layerSamples) {
      assert.deepEqual(sample.layers.map((layer) => layer.type), ['Dense', 'Dense']);
      assert.ok(sample.layers.every((layer) => layer.gradNorm > 0 && layer.updateRatio > 0 && layer.updateRatio < 1), JSON.stringify(sample));
      const [hidden, output] = sample.layers;
      assert.ok(hidden!.deadFraction !== undefined && hidden!.deadFraction >= 0 && hidden!.deadFraction <= 1, 'the ReLU layer has a dead fraction');
      assert.equal(output!.deadFraction, undefined, 'the linear output has none');
    }
  });

  it('streams the events as they happen, in order, and the record is what they say', async () => {
    const watched = await watch('fit-validation.mjs');
    const record = recordOf(watched);
    assert.equal(watched.events[0]!.type, 'call-start');
    assert.equal(watched.events.at(-1)!.type, 'call-end');
    const epochs = watched.events.flatMap((event) => (event.type === 'epoch' ? [event.record] : []));
    assert.deepEqual(epochs, record.calls[0]!.epochs);
    const times = epochs.map((epoch) => epoch.at);
    assert.deepEqual(times, [...times].sort((a, b) => a - b));
  });

  it('keeps the script\'s callbacks working: earlyStopping ends fit early, and its own callback sees every epoch', async () => {
    const watched = await watch('early-stopping.mjs');
    const call = onlyCall(recordOf(watched));
    assert.equal(call.config.earlyStopping, true);
    assert.equal(call.config.validationData, true);
    assert.equal(call.config.epochs, 200);
    assert.ok(call.epochs.length >= 3 && call.epochs.length < 200, String(call.epochs.length));
    const seen = JSON.parse(/\{.*\}/.exec(watched.output)![0]) as { ownCallbackEpochs: number; historyEpochs: number };
    assert.deepEqual(seen, { ownCallbackEpochs: call.epochs.length, historyEpochs: call.epochs.length });
  });

  it('records fitDataset: its epochs with validation, and its batches', async () => {
    const call = onlyCall(recordOf(await watch('fit-dataset.mjs')));
    assert.equal(call.kind, 'fitDataset');
    assert.deepEqual(call.config, { epochs: 4, validationData: true, optimizer: 'SGD', learningRate: 0.01, earlyStopping: false });
    assert.equal(call.epochs.length, 4);
    assert.ok(call.epochs.every((epoch) => epoch.logs['val_loss'] !== undefined));
    // 40 rows in batches of 8.
    assert.equal(call.batches.length, 20);
    assert.ok(call.layerSamples.length > 0);
  });
});

describe('a watched run of other training', () => {
  it('makes one call of a loop of trainOnBatch calls on one model, with the loss of each step', async () => {
    const call = onlyCall(recordOf(await watch('train-on-batch.mjs')));
    assert.equal(call.kind, 'trainOnBatch');
    assert.equal(call.at?.line, 11);
    assert.equal(call.modelAt?.line, 6);
    assert.deepEqual(call.config, { batchSize: 16, optimizer: 'SGD', learningRate: 0.1 });
    assert.deepEqual(call.batches.map((batch) => batch.step), Array.from({ length: 30 }, (_, step) => step));
    assert.ok(isDecreasing(call.batches.map((batch) => batch.loss)));
    assert.deepEqual(call.layerSamples.map((sample) => sample.step), [0, 1, 3, 10]);
    assert.equal(call.epochs.length, 0);
  });

  it('records a custom loop of optimizer.minimize at its line, with the loss of each step', async () => {
    const call = onlyCall(recordOf(await watch('custom-minimize.mjs')));
    assert.equal(call.kind, 'custom');
    assert.equal(call.at?.line, 10);
    assert.deepEqual(call.config, { optimizer: 'SGD', learningRate: 0.02 });
    assert.equal(call.batches.length, 40);
    assert.ok(isDecreasing(call.batches.map((batch) => batch.loss)));
    assert.deepEqual(call.layerSamples[0]!.layers.map((layer) => layer.name), ['slope', 'intercept']);
    assert.ok(call.layerSamples.every((sample) => sample.layers.every((layer) => layer.gradNorm > 0)));
  });

  it('records a custom loop of tf.variableGrads and applyGradients, and the script still trains', async () => {
    const watched = await watch('custom-variable-grads.mjs');
    const call = onlyCall(recordOf(watched));
    assert.equal(call.kind, 'custom');
    assert.equal(call.at?.line, 9);
    assert.deepEqual(call.config, { optimizer: 'Adam', learningRate: 0.05 }, 'the optimizer that applies its gradients');
    assert.equal(call.batches.length, 25);
    assert.ok(isDecreasing(call.batches.map((batch) => batch.loss)));
    assert.deepEqual(call.layerSamples[0]!.layers.map((layer) => layer.name), ['weights']);
  });

  it('records a custom loop of tf.valueAndGrads whose update the script makes by hand, without an optimizer', async () => {
    const call = onlyCall(recordOf(await watch('custom-manual-update.mjs')));
    assert.equal(call.kind, 'custom');
    assert.equal(call.at?.line, 7);
    assert.deepEqual(call.config, {});
    assert.deepEqual(call.batches.map((batch) => batch.step), Array.from({ length: 15 }, (_, step) => step));
    assert.ok(isDecreasing(call.batches.map((batch) => batch.loss)));
  });

  it('tells apart two loops stepped at one line by their optimizers', async () => {
    const record = recordOf(await watch('two-loops-one-helper.mjs'));
    assert.deepEqual(
      record.calls.map((call) => [call.kind, call.at?.line, call.config.optimizer, call.batches.length]),
      [
        ['custom', 8, 'SGD', 12],
        ['custom', 8, 'Adam', 12],
      ],
    );
  });

  it('records nothing for a script that trains nothing', async () => {
    const record = recordOf(await watch('trains-nothing.mjs'));
    assert.equal(record.end, 'finished');
    assert.equal(record.calls.length, 0);
  });
});

describe('a watched run of a script that needs command-line arguments', () => {
  it('an optional argument read before training is no want of arguments when the script fails later', async () => {
    const watched = await watch('optional-argument-throws.mjs');
    assert.equal(watched.outcome.kind, 'record');
    assert.equal((watched.outcome as Extract<TrainingOutcome, { kind: 'record' }>).wantedArguments, undefined);
    assert.doesNotMatch(recordOf(watched).error ?? '', /expects command-line arguments/);
  });

  it('says when the script stopped after looking for arguments it was not given, and runs with those it is given', async () => {
    const without = await watch('epochs-argument.mjs');
    assert.equal(without.outcome.kind, 'record');
    assert.equal((without.outcome as Extract<TrainingOutcome, { kind: 'record' }>).wantedArguments, true);
    assert.match(recordOf(without).error ?? '', /; the script expects command-line arguments$/);

    const file = fixture('epochs-argument.mjs');
    const given = await runTraining({ file, searchPaths: [], backend: 'cpu', seed: 1, scriptArguments: ['2'] }, { workerPath: path.join(root, 'dist', 'overfit-worker.js'), memoryLimitMb: 2048, cwd: FIXTURES, timeLimitMs: 60_000 });
    assert.equal(given.kind, 'record');
    const record = (given as Extract<TrainingOutcome, { kind: 'record' }>).record;
    assert.equal(record.end, 'finished');
    assert.equal(onlyCall(record).epochs.length, 2);
    assert.equal((given as Extract<TrainingOutcome, { kind: 'record' }>).wantedArguments, undefined);
  });
});

describe('a watched run that does not end by itself', () => {
  it('keeps what it measured when it is stopped', async () => {
    const stop = new AbortController();
    const watched = await watch('trains-forever.mjs', {
      signal: stop.signal,
      onEvent: (event) => {
        if (event.type === 'epoch' && event.record.epoch === 2) stop.abort();
      },
    });
    const record = recordOf(watched);
    assert.equal(record.end, 'stopped');
    const call = onlyCall(record);
    assert.equal(call.end, 'stopped');
    assert.ok(call.epochs.length >= 3, String(call.epochs.length));
  });

  it('keeps what it measured when the time limit ends it', async () => {
    const record = recordOf(await watch('trains-forever.mjs', { timeLimitMs: 3000 }));
    assert.equal(record.end, 'time-limit');
    const call = onlyCall(record);
    assert.equal(call.end, 'time-limit');
    assert.ok(call.epochs.length > 0);
  });

  it('says so when the script throws mid-training: the error with its line, and the call that threw', async () => {
    const record = recordOf(await watch('throws-mid-training.mjs'));
    assert.equal(record.end, 'threw');
    assert.match(record.error ?? '', /the data loader ran dry \(.*throws-mid-training\.mjs:12\)/);
    const call = onlyCall(record);
    assert.equal(call.end, 'threw');
    assert.match(call.error ?? '', /the data loader ran dry/);
    // The epoch whose callback threw never reached the end of the list.
    assert.equal(call.epochs.length, 2);
  });

  it('ends a custom loop whose step throws with that error, after the steps it took', async () => {
    const record = recordOf(await watch('custom-loop-throws.mjs'));
    assert.equal(record.end, 'threw');
    const call = onlyCall(record);
    assert.equal(call.end, 'threw');
    assert.match(call.error ?? '', /the batch has no labels/);
    assert.equal(call.batches.length, 5);
  });
});

describe('the callback added to fit', () => {
  const Base = Object.getPrototypeOf(tf.CustomCallback.prototype as object).constructor as abstract new () => object;
  const added = new tf.CustomCallback({});

  it('comes after the user\'s callbacks, listed as tfjs would list them', () => {
    const early = tf.callbacks.earlyStopping();
    const custom = new tf.CustomCallback({ onEpochEnd: () => undefined });
    const plain = { onEpochEnd: () => undefined };
    for (const given of [undefined, null, early, [early, custom], plain, [plain, { onBatchEnd: () => undefined }]]) {
      const list = withCallback(tf, given, 'never', added);
      assert.equal(list.at(-1), added);
      assert.ok(list.every((callback) => callback instanceof Base));
    }
    assert.deepEqual(withCallback(tf, [early, custom], 'auto', added), [early, custom, added]);
    assert.equal(standardCallbacks(tf, early, 'auto')[0], early);
    // Plain objects become CustomCallbacks with the fit's yieldEvery, as tfjs makes them.
    const [wrapped] = standardCallbacks(tf, plain, 'batch');
    assert.ok(wrapped instanceof tf.CustomCallback);
    assert.equal((wrapped as unknown as { yieldEvery: unknown }).yieldEvery, 'batch');
    assert.equal(standardCallbacks(tf, undefined, 'auto').length, 1, 'tfjs yields to the event loop through an empty CustomCallback');
  });

  it('knows when the user asked for early stopping', () => {
    assert.equal(hasEarlyStopping(tf, tf.callbacks.earlyStopping({ patience: 3 })), true);
    assert.equal(hasEarlyStopping(tf, [{ onEpochEnd: () => undefined }, tf.callbacks.earlyStopping()]), true);
    assert.equal(hasEarlyStopping(tf, [new tf.CustomCallback({})]), false);
    assert.equal(hasEarlyStopping(tf, undefined), false);
  });
});

describe('tfjs-doctor train', () => {
  const train = (...args: string[]) => {
    const run = cp.spawnSync(process.execPath, [CLI, 'train', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 });
    let json: TrainJson | undefined;
    try {
      json = JSON.parse(run.stdout) as TrainJson;
    } catch {
      json = undefined;
    }
    return { code: run.status, stdout: run.stdout, stderr: run.stderr, json };
  };

  it('prints { record, findings } as JSON and exits 0 on a healthy run', () => {
    const result = train(fixture('fit-validation.mjs'), '--format', 'json', '--backend', 'cpu', '--seed', '1');
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(Object.keys(result.json ?? {}), ['record', 'findings']);
    const record = result.json!.record!;
    assert.equal(record.calls[0]!.model, 'model', 'named after the variable the analysis found at its creation');
    assert.equal(record.calls[0]!.epochs.length, 8);
    assert.ok(Array.isArray(result.json!.findings));
  });

  it('says per call what it did, in text', () => {
    const result = train(fixture('fit-validation.mjs'), '--backend', 'cpu');
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /ran to its end after [\d.]+ s on the cpu backend, with one training call/);
    assert.match(result.stdout, /1\. fit of model \(created at .*fit-validation\.mjs:4\) at .*fit-validation\.mjs:12/);
    assert.match(result.stdout, /8 of 8 epochs, loss [\d.]+ → [\d.]+, val_loss [\d.]+ → [\d.]+/);
  });

  it('runs the script with the arguments given after --, and says when it wanted arguments it was not given', () => {
    const given = train(fixture('epochs-argument.mjs'), '--format', 'json', '--backend', 'cpu', '--', '3');
    assert.equal(given.code, 0, given.stderr);
    assert.equal(given.json?.record?.calls[0]?.epochs.length, 3);

    const none = train(fixture('epochs-argument.mjs'), '--format', 'json', '--backend', 'cpu');
    assert.equal(none.code, 2);
    assert.match(none.json?.error ?? '', /epochs-argument\.mjs:4\); the script expects command-line arguments$/);
    assert.match(none.stderr, /give the script its arguments after --: tfjs-doctor train <file> -- <arguments>/);
  });

  it('exits 1 when the script throws while training', () => {
    const result = train(fixture('throws-mid-training.mjs'), '--format', 'json', '--backend', 'cpu');
    assert.equal(result.code, 1, result.stderr);
    assert.equal(result.json?.record?.end, 'threw');
  });

  it('exits 2, with JSON, when the run could not happen', () => {
    const nothing = train(fixture('trains-nothing.mjs'), '--format', 'json', '--backend', 'cpu');
    assert.equal(nothing.code, 2);
    assert.match(nothing.json?.error ?? '', /without training a model/);
    assert.equal(nothing.json?.record?.calls.length, 0);
    assert.deepEqual(nothing.json?.findings, []);

    const missing = train(fixture('no-such-file.mjs'), '--format', 'json');
    assert.equal(missing.code, 2);
    assert.deepEqual(missing.json, { record: null, findings: [], error: `${fixture('no-such-file.mjs')} is not a file` });

    // A page's scripts run in a browser: the run names the file to run instead.
    const page = train(path.join(root, 'test', 'overfit-fixtures', 'page.html'), '--format', 'json');
    assert.equal(page.code, 2);
    assert.match(page.json?.error ?? '', /page\.html is an HTML page, and a training run runs script files: run it on the \.js or \.ts file the page loads/);

    const usage = train('--format', 'json');
    assert.equal(usage.code, 2);
    assert.match(usage.json?.error ?? '', /train takes one file/);
    assert.match(usage.stderr, /Usage: tfjs-doctor train <file>/);

    const threwFirst = train(path.join(root, 'test', 'overfit-fixtures', 'throws.mjs'), '--format', 'json', '--backend', 'cpu');
    assert.equal(threwFirst.code, 2);
    assert.match(threwFirst.json?.error ?? '', /threw before training a model: the data file is missing \(.*throws\.mjs:5\)/);
    assert.equal(threwFirst.json?.record?.end, 'threw');

    const unparsable = train(path.join(root, 'test', 'overfit-fixtures', 'syntax-error.mjs'), '--format', 'json', '--backend', 'cpu');
    assert.equal(unparsable.code, 2);
    assert.match(unparsable.json?.error ?? '', /could not be bundled: syntax-error\.mjs:\d+/);
    assert.equal(unparsable.json?.record, null);

    const badLimit = train(fixture('fit-validation.mjs'), '--time-limit', 'soon');
    assert.equal(badLimit.code, 2);
    assert.match(badLimit.stderr, /--time-limit expects a whole number/);
  });
});
