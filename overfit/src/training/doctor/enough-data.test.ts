import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatTrainingText } from '../format-text';
import type { TrainingCall, TrainingRecord } from '../types';
import { JUDGED_EPOCHS, JUDGED_STEPS, tooShortSentence, tooShortToJudge } from './enough-data';

function call(epochs: number, batches = 0): TrainingCall {
  return {
    index: 0,
    kind: 'fit',
    model: 'model',
    config: {},
    epochs: Array.from({ length: epochs }, (_, epoch) => ({ epoch, logs: { loss: 1 / (epoch + 1) }, at: epoch })),
    batches: Array.from({ length: batches }, (_, step) => ({ step, epoch: 0, loss: 1 })),
    layerSamples: [],
    end: 'time-limit',
  };
}

const record = (...calls: TrainingCall[]): TrainingRecord => ({ file: '/project/train.js', backend: 'wasm', calls: calls.map((each, index) => ({ ...each, index })), ms: 60_000, end: 'time-limit' });

describe('enough data to judge the curves', () => {
  it('is too short when no call has the epochs or the batches the checks of shape need', () => {
    assert.equal(tooShortToJudge(record(call(0), call(JUDGED_EPOCHS - 1, JUDGED_STEPS - 1))), true);
    assert.equal(tooShortToJudge(record(call(0), call(JUDGED_EPOCHS))), false);
    assert.equal(tooShortToJudge(record(call(1, JUDGED_STEPS))), false);
    assert.match(tooShortSentence(record(call(0))), /^Too short to judge the learning curves: 0 epochs were recorded/);
    assert.match(tooShortSentence(record(call(1))), /one epoch was recorded/);
  });

  it('the text report says so instead of giving the all-clear', () => {
    const short = formatTrainingText(record(call(0, 7)), [], (file) => file);
    assert.match(short, /Too short to judge the learning curves/);
    assert.doesNotMatch(short, /No sign of a problem/);
    const long = formatTrainingText(record(call(JUDGED_EPOCHS)), [], (file) => file);
    assert.match(long, /No sign of a problem in the learning curves\./);
  });
});
