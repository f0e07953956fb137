/**
 * The parts of a watched training run that need no process: the record built from streamed events,
 * how often batch losses and per-layer samples are taken, and the exit code of `tfjs-doctor train`.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TrainingRecordBuilder } from '../overfit/src/training/record';
import { BATCHES_PER_CALL, BATCHES_PER_EPOCH, BatchSampler, isLayerSampleStep, LAYER_SAMPLES, layerSampleEpochs } from '../overfit/src/training/sampling';
import type { TrainingEvent, TrainingFinding } from '../overfit/src/training/types';
import { trainExitCode } from '../server/src/cli/train';

const start = (index: number, kind: 'fit' | 'custom' = 'fit'): TrainingEvent => ({ type: 'call-start', call: { index, kind, model: `model${index}`, config: { epochs: 3 } } });
const epoch = (call: number, at: number, loss: number): TrainingEvent => ({ type: 'epoch', call, record: { epoch: at, logs: { loss }, at: at * 10 } });

describe('the record of a watched run, from its events', () => {
  it('gathers each call\'s epochs, batches and layer samples, in order', () => {
    const builder = new TrainingRecordBuilder('/p/train.js');
    for (const event of [
      start(0),
      { type: 'batch', call: 0, record: { step: 0, epoch: 0, loss: 2 } },
      epoch(0, 0, 1.5),
      { type: 'layers', call: 0, sample: { step: 0, epoch: 0, layers: [{ name: 'd', type: 'Dense', gradNorm: 1, updateRatio: 0.01 }] } },
      epoch(0, 1, 1),
      { type: 'call-end', call: 0, end: 'finished' },
    ] satisfies TrainingEvent[]) {
      builder.apply(event);
    }
    const record = builder.build('finished', 'wasm', 120);
    assert.equal(record.calls.length, 1);
    const [call] = record.calls;
    assert.deepEqual(call!.epochs.map((each) => each.logs['loss']), [1.5, 1]);
    assert.equal(call!.batches.length, 1);
    assert.equal(call!.layerSamples.length, 1);
    assert.equal(call!.end, 'finished');
    assert.deepEqual([record.file, record.backend, record.ms, record.end], ['/p/train.js', 'wasm', 120, 'finished']);
  });

  it('gives calls still running the end of the run, and a fit cut by the script\'s failure its error', () => {
    const builder = new TrainingRecordBuilder('/p/train.js');
    builder.apply(start(0));
    builder.apply(epoch(0, 0, 1));
    builder.apply({ type: 'call-end', call: 0, end: 'finished' });
    builder.apply(start(1));
    assert.deepEqual(builder.build('stopped', 'cpu', 5).calls.map((call) => call.end), ['finished', 'stopped']);
    assert.deepEqual(builder.build('time-limit', 'cpu', 5).calls.map((call) => call.end), ['finished', 'time-limit']);
    const threw = builder.build('threw', 'cpu', 5, 'boom (train.js:3)');
    assert.deepEqual(threw.calls.map((call) => [call.end, call.error]), [['finished', undefined], ['threw', 'boom (train.js:3)']]);
    assert.equal(threw.error, 'boom (train.js:3)');
  });

  it('ends a loop still running with the run, finished when the script threw outside its steps', () => {
    const builder = new TrainingRecordBuilder('/p/train.js');
    builder.apply(start(0, 'custom'));
    builder.apply({ type: 'batch', call: 0, record: { step: 0, epoch: 0, loss: 1 } });
    assert.deepEqual(builder.build('stopped', 'cpu', 5).calls.map((call) => call.end), ['stopped']);
    assert.deepEqual(builder.build('threw', 'cpu', 5, 'boom').calls.map((call) => [call.end, call.error]), [['finished', undefined]]);
    builder.apply({ type: 'call-end', call: 0, end: 'threw', error: 'NaN loss' });
    assert.deepEqual(builder.build('threw', 'cpu', 5, 'NaN loss').calls.map((call) => [call.end, call.error]), [['threw', 'NaN loss']]);
  });

  it('leaves out events of a call whose start it did not see, and says whether anything trained', () => {
    const builder = new TrainingRecordBuilder('/p/train.js');
    builder.apply(epoch(4, 0, 1));
    assert.equal(builder.trained, false);
    assert.equal(builder.build('finished', 'cpu', 1).calls.length, 0);
    builder.apply(start(0));
    assert.equal(builder.trained, true);
  });

  it('keeps a call that threw with its own error', () => {
    const builder = new TrainingRecordBuilder('/p/train.js');
    builder.apply(start(0));
    builder.apply({ type: 'call-end', call: 0, end: 'threw', error: 'bad shape' });
    const [call] = builder.build('finished', 'cpu', 1).calls;
    assert.deepEqual([call!.end, call!.error], ['threw', 'bad shape']);
  });
});

describe('how often a watched run measures', () => {
  const taken = (sampler: BatchSampler, steps: number) => Array.from({ length: steps }, (_, step) => step).filter((step) => sampler.takes(step));

  it('records every batch loss of short epochs, and about BATCHES_PER_EPOCH of long ones', () => {
    assert.equal(taken(new BatchSampler(20), 200).length, 200);
    assert.equal(taken(new BatchSampler(undefined), 300).length, 300);
    const long = taken(new BatchSampler(1000), 1000);
    assert.ok(long.length <= BATCHES_PER_EPOCH && long.length >= BATCHES_PER_EPOCH / 2, String(long.length));
  });

  it('thins the record of a very long call as it grows, so it stays a few thousand steps', () => {
    const steps = taken(new BatchSampler(undefined), 100_000);
    assert.ok(steps.length <= 8 * BATCHES_PER_CALL, String(steps.length));
    assert.ok(steps.at(-1)! > 90_000, 'the end of the call is still recorded');
    assert.deepEqual(steps.slice(0, 3), [0, 1, 2]);
  });

  it('probes the layers at the first and last epoch and evenly between, LAYER_SAMPLES at most', () => {
    assert.deepEqual([...layerSampleEpochs(1)], [0]);
    assert.deepEqual([...layerSampleEpochs(3)], [0, 1, 2]);
    const many = [...layerSampleEpochs(100)];
    assert.equal(many.length, LAYER_SAMPLES);
    assert.deepEqual([many[0], many.at(-1)], [0, 99]);
    assert.deepEqual([...layerSampleEpochs(12, 10)], [10, 11], 'from the initial epoch');
    assert.deepEqual([...layerSampleEpochs(0)], []);
  });

  it('probes calls of unknown length at steps 0, 1, 3, 10, 30, 100, ...', () => {
    const steps = Array.from({ length: 5000 }, (_, step) => step).filter(isLayerSampleStep);
    assert.deepEqual(steps, [0, 1, 3, 10, 30, 100, 300, 1000, 3000]);
  });
});

describe('the exit code of tfjs-doctor train', () => {
  const builder = new TrainingRecordBuilder('/p/train.js');
  builder.apply(start(0));
  builder.apply(epoch(0, 0, 1));
  const finding = (severity: TrainingFinding['severity']): TrainingFinding => ({
    id: 'diverging',
    severity,
    message: 'The loss grows.',
    call: 0,
    evidence: { metric: 'loss', epochs: [0], values: [1] },
    causes: [],
  });

  it('is 0 without an error-level finding, and 1 with one', () => {
    const record = builder.build('finished', 'cpu', 1);
    assert.equal(trainExitCode(record, []), 0);
    assert.equal(trainExitCode(record, [finding('warning'), finding('info')]), 0);
    assert.equal(trainExitCode(record, [finding('warning'), finding('error')]), 1);
  });

  it('is 1 for a script that threw while training, and judges a stopped run on what it measured', () => {
    assert.equal(trainExitCode(builder.build('threw', 'cpu', 1, 'boom'), []), 1);
    assert.equal(trainExitCode(builder.build('stopped', 'cpu', 1), []), 0);
    assert.equal(trainExitCode(builder.build('time-limit', 'cpu', 1), [finding('error')]), 1);
  });
});
