/** The training loss becomes NaN or Infinity, or runs away from its minimum. */
import type { TrainingCall, TrainingFinding } from '../types';
import type { CurveCheck } from './check';
import { curveOf, epochLabel, format, learningRateOf, roundRate } from './curves';

/** A loss at least this many times its minimum is diverging (TheDeepChecker's loss-divergence factor). */
export const DIVERGENCE_FACTOR = 2;
/** Epochs the loss must stay that high, rising, to call it a run-away rather than a spike. */
export const DIVERGENCE_EPOCHS = 3;

/** The epoch at which a curve that once went down runs away, if it does: the last DIVERGENCE_EPOCHS values all at least DIVERGENCE_FACTOR × the minimum before them, and rising. */
export function runAwayStart(values: readonly number[]): number | undefined {
  const n = values.length;
  if (n < DIVERGENCE_EPOCHS + 1 || !values.every(Number.isFinite)) return undefined;
  const tail = values.slice(n - DIVERGENCE_EPOCHS);
  const floor = Math.min(...values.slice(0, n - DIVERGENCE_EPOCHS));
  if (!(floor > 0) || !tail.every((value) => value >= DIVERGENCE_FACTOR * floor) || tail[tail.length - 1]! < tail[0]!) return undefined;
  let start = n - DIVERGENCE_EPOCHS;
  while (start > 0 && values[start - 1]! >= DIVERGENCE_FACTOR * floor) start -= 1;
  return start;
}

function nonFinite(call: TrainingCall): { epoch: number; value: number; before: { epochs: number[]; values: number[] } } | undefined {
  const curve = curveOf(call, 'loss');
  const index = curve.values.findIndex((value) => !Number.isFinite(value));
  if (index >= 0) {
    const from = Math.max(0, index - 4);
    return { epoch: curve.epochs[index]!, value: curve.values[index]!, before: { epochs: curve.epochs.slice(from, index + 1), values: curve.values.slice(from, index + 1) } };
  }
  // An epoch that never ended (the run threw or was stopped) may still have NaN batches.
  const batch = call.batches.find((record) => typeof record.loss !== 'number' || !Number.isFinite(record.loss));
  if (batch) return { epoch: batch.epoch, value: typeof batch.loss === 'number' ? batch.loss : Number.NaN, before: { epochs: [batch.epoch], values: [Number.NaN] } };
  return undefined;
}

export const divergingLoss: CurveCheck = {
  id: 'diverging-loss',
  description: 'The training loss becomes NaN or Infinity, or runs away from its minimum.',
  severity: 'error',
  check(call) {
    const rate = learningRateOf(call);
    const lower = rate !== undefined && call.at ? { fix: { kind: 'set-learning-rate' as const, at: call.at, learningRate: roundRate(rate / 10) } } : {};
    const place = call.at ? { at: call.at } : {};
    const lowerAdvice = rate !== undefined ? ` Try a learning rate of ${format(roundRate(rate / 10))} instead of ${format(rate)}.` : ' Lower the learning rate.';
    const broken = nonFinite(call);
    if (broken) {
      const grew = broken.before.values.filter(Number.isFinite);
      const growth = grew.length >= 2 && grew[grew.length - 1]! > grew[0]! ? ` It had grown from ${format(grew[0]!)} to ${format(grew[grew.length - 1]!)} before that.` : '';
      const finding: TrainingFinding = {
        id: 'diverging-loss',
        severity: 'error',
        message: `The training loss became ${String(broken.value)} at ${epochLabel(broken.epoch)}. From then on every weight update is ${String(broken.value)} too, so the rest of the training is lost.${growth}${lowerAdvice}`,
        call: call.index,
        evidence: { metric: 'loss', epochs: broken.before.epochs, values: broken.before.values },
        causes: [
          'The learning rate is too high: each step overshoots and the error grows until it overflows.',
          'The inputs or targets are not scaled (values in the hundreds or more make the gradients huge).',
          'The loss takes the log of zero or divides by zero (a hand-written loss without an epsilon).',
          'The data contains NaN or Infinity.',
        ],
        ...place,
        ...lower,
      };
      return [finding];
    }
    const curve = curveOf(call, 'loss');
    const start = runAwayStart(curve.values);
    if (start === undefined) return [];
    const floor = Math.min(...curve.values.slice(0, start));
    const last = curve.values[curve.values.length - 1]!;
    return [
      {
        id: 'diverging-loss',
        severity: 'error',
        message: `The training loss diverges from ${epochLabel(curve.epochs[start]!)} on: it rose from ${format(floor)} to ${format(last)}. Each update makes the model worse, so training more only makes it worse still.${lowerAdvice}`,
        call: call.index,
        evidence: { metric: 'loss', epochs: curve.epochs.slice(Math.max(0, start - 1)), values: curve.values.slice(Math.max(0, start - 1)) },
        causes: [
          'The learning rate is too high for this model and data.',
          'The inputs or targets are not scaled, so the gradients are large.',
          'A learning-rate schedule or optimizer setting raises the step size as training goes on.',
        ],
        ...place,
        ...lower,
      },
    ];
  },
};
