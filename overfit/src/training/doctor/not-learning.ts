/** The loss stays where it started: the model does not learn from the first epoch on. */
import type { TrainingCall, TrainingFinding } from '../types';
import type { CurveCheck } from './check';
import { accuracyCurve, allFinite, format, learningRateOf, mean, percent, roundRate } from './curves';
import { runAwayStart } from './diverging-loss';

/** Less than this fall of the loss over the whole run is no learning (TheDeepChecker: 5 % per window). */
export const PLATEAU_FALL = 0.05;
/** Fewest epochs to conclude from (TheDeepChecker's and DeepDiagnosis's window of 5). */
export const PLATEAU_EPOCHS = 5;
/** Or, when batches were recorded, fewest steps (TheDeepChecker's window for the loss of steps). */
export const PLATEAU_STEPS = 50;
/** Accuracy gains at least this large mean something is learnt, whatever the loss (AUTOTRAINER δ is 0.01 per epoch; over a run, five times that). */
export const ACCURACY_GAIN = 0.05;
/** A loss below this is already at zero: nothing left to learn. */
const FITTED = 1e-6;
/** Steps that go down, as a share of all steps, for a fall to be steady rather than noise. */
const STEADY = 0.8;

interface Series {
  readonly unit: 'epoch' | 'step';
  readonly values: number[];
  readonly epochs: number[];
  /** How many steps or epochs the curve covers. */
  readonly span: number;
}

/** The epoch curve when it is long enough; else the batch curve, in means of ten steps, when there are enough steps. */
function series(call: TrainingCall): Series | undefined {
  const records = call.epochs.filter((record) => record && typeof record.logs?.['loss'] === 'number');
  if (records.length >= PLATEAU_EPOCHS) {
    return { unit: 'epoch', values: records.map((r) => r.logs['loss']!), epochs: records.map((r) => r.epoch), span: records.length };
  }
  const batches = call.batches.filter((record) => typeof record.loss === 'number');
  if (batches.length >= PLATEAU_STEPS) {
    const window = 10;
    const values: number[] = [];
    const epochs: number[] = [];
    for (let from = 0; from + window <= batches.length; from += window) {
      const part = batches.slice(from, from + window);
      epochs.push(part[0]!.epoch);
      values.push(mean(part.map((record) => record.loss)));
    }
    return { unit: 'step', values, epochs, span: batches[batches.length - 1]!.step + 1 };
  }
  return undefined;
}

export const notLearning: CurveCheck = {
  id: 'not-learning',
  description: 'The loss stays where it started: the model does not learn from the first epoch on.',
  severity: 'error',
  check(call) {
    const curve = series(call);
    if (!curve || !allFinite(curve.values)) return [];
    const first = curve.values[0]!;
    if (first <= FITTED) return [];
    const best = Math.min(...curve.values);
    const fall = 1 - best / first;
    if (fall >= PLATEAU_FALL) return [];
    // A loss that climbs is diverging, another check's finding.
    if (runAwayStart(curve.values) !== undefined || Math.max(...curve.values) > 2 * first) return [];
    const accuracy = accuracyCurve(call, false);
    if (accuracy && allFinite(accuracy.values) && Math.max(...accuracy.values) - accuracy.values[0]! >= ACCURACY_GAIN) return [];

    const rate = learningRateOf(call);
    const downs = curve.values.slice(1).filter((value, i) => value < curve.values[i]!).length;
    const steady = downs >= STEADY * (curve.values.length - 1) && curve.values[curve.values.length - 1]! < first;
    const span = `${curve.span} ${curve.unit}s`;
    const tooLow = steady && rate !== undefined;
    const message = tooLow
      ? `The loss barely moves: it fell by only ${percent(fall)} in ${span}, from ${format(first)} to ${format(best)}. It goes down at every ${curve.unit}, but in steps so small that the learning rate (${format(rate)}) is probably too low; try ${format(roundRate(rate * 10))}.`
      : `The model does not learn: its loss stayed between ${format(Math.min(...curve.values))} and ${format(Math.max(...curve.values))} for ${span}. That is never ${percent(PLATEAU_FALL)} below where it started. The weights change, or the loss would not move at all, but not in a way that fits the data.`;
    const causes = [
      ...(tooLow ? [`The learning rate (${format(rate)}) is too low: each step changes the weights too little.`] : []),
      'The labels do not match the loss or the output layer (class ids with categoricalCrossentropy, a sigmoid output for targets outside [0, 1]).',
      'Most ReLU units are dead, or the gradients vanish before they reach the first layers.',
      ...(tooLow ? [] : ['The learning rate is too low to move the loss, or so high that the weights jump around a poor solution.']),
      'The inputs carry no information about the targets (a bug in the data pipeline, labels shuffled apart from their inputs).',
    ];
    const finding: TrainingFinding = {
      id: 'not-learning',
      severity: 'error',
      message,
      call: call.index,
      evidence: { metric: curve.unit === 'epoch' ? 'loss' : 'batch loss', epochs: curve.epochs, values: curve.values },
      causes,
      ...(call.at ? { at: call.at } : {}),
      ...(tooLow && call.at ? { fix: { kind: 'set-learning-rate' as const, at: call.at, learningRate: roundRate(rate * 10) } } : {}),
    };
    return [finding];
  },
};
