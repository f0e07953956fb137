/** The training loss goes up and down from epoch to epoch instead of falling. */
import type { CurveCheck } from './check';
import { allFinite, curveOf, format, learningRateOf, percent, roundRate } from './curves';
import { runAwayStart } from './diverging-loss';

/** Fewest epochs to conclude from: AUTOTRAINER's η × epochs must allow at least two swings. */
export const OSCILLATION_EPOCHS = 10;
/** A swing counts when its peak is at least this far above its trough, relative to the trough (AUTOTRAINER's ζ is 0.03 on accuracy; a loss has no fixed scale). */
export const SWING = 0.25;
/** ... and its height is at least this share of the first epoch's loss: AUTOTRAINER's ζ = 0.03 on accuracy, a scale whose whole range is the progress to be made; for a loss, that progress is measured from where it starts. Swings of a loss already near zero stay below it. */
export const SWING_HEIGHT = 0.03;
/** Swings at least this share of the epochs make the loss unstable (AUTOTRAINER η). */
export const SWING_SHARE = 0.2;

/** Peaks and troughs of the curve in order, AUTOTRAINER's way: interior points at least as high (low) as both neighbours. */
export function swings(values: readonly number[]): { peak: number; trough: number; epoch: number }[] {
  const peaks: { value: number; index: number }[] = [];
  const troughs: { value: number; index: number }[] = [];
  for (let i = 1; i < values.length - 1; i++) {
    const value = values[i]!;
    if (value >= values[i - 1]! && value >= values[i + 1]!) peaks.push({ value, index: i });
    if (value <= values[i - 1]! && value <= values[i + 1]!) troughs.push({ value, index: i });
  }
  // A swing is a peak with the trough before it, or, when the curve starts by climbing, after it.
  const result: { peak: number; trough: number; epoch: number }[] = [];
  for (const peak of peaks) {
    const before = [...troughs].reverse().find((trough) => trough.index < peak.index);
    const after = troughs.find((trough) => trough.index > peak.index);
    const trough = before ?? after;
    if (trough) result.push({ peak: peak.value, trough: trough.value, epoch: peak.index });
  }
  return result;
}

/** The swings of a positive curve that count: high enough relative to their trough and to the curve's start. */
export function largeSwings(values: readonly number[]): { peak: number; trough: number; epoch: number }[] {
  const start = values[0]!;
  return swings(values).filter((swing) => swing.peak >= (1 + SWING) * swing.trough && swing.peak - swing.trough >= SWING_HEIGHT * start);
}

/** Whether the curve oscillates: at least SWING_SHARE of its epochs (and two) are large swings. */
export function oscillates(values: readonly number[]): boolean {
  return values.length >= OSCILLATION_EPOCHS && values.every((value) => Number.isFinite(value) && value > 0) && largeSwings(values).length >= Math.max(2, SWING_SHARE * values.length);
}

export const oscillatingLoss: CurveCheck = {
  id: 'oscillating-loss',
  description: 'The training loss goes up and down from epoch to epoch instead of falling.',
  severity: 'warning',
  check(call) {
    const curve = curveOf(call, 'loss');
    const n = curve.values.length;
    if (n < OSCILLATION_EPOCHS || !allFinite(curve.values) || !curve.values.every((value) => value > 0)) return [];
    if (runAwayStart(curve.values) !== undefined) return [];
    if (!oscillates(curve.values)) return [];
    const large = largeSwings(curve.values);
    const rate = learningRateOf(call);
    const proposal = rate !== undefined ? roundRate(rate / 10) : undefined;
    const biggest = large.reduce((a, b) => (b.peak / b.trough > a.peak / a.trough ? b : a));
    return [
      {
        id: 'oscillating-loss',
        severity: 'warning',
        message:
          `The training loss oscillates: it jumped back up by ${percent(SWING)} or more ${large.length} times in ${n} epochs. ` +
          `The largest swing went between ${format(biggest.trough)} and ${format(biggest.peak)}, around epoch ${biggest.epoch + 1}. Steps that overshoot the minimum undo the progress of the steps before them.${proposal !== undefined ? ` Try a learning rate of ${format(proposal)} instead of ${format(rate!)}.` : ' Lower the learning rate.'}`,
        call: call.index,
        evidence: { metric: 'loss', epochs: curve.epochs, values: curve.values },
        causes: [
          `The learning rate${rate !== undefined ? ` (${format(rate)})` : ''} is too high for this model and data.`,
          `The batches are small${call.config.batchSize !== undefined ? ` (${call.config.batchSize} samples)` : ''}, so each step follows a noisy gradient; a larger batch or a lower rate steadies it.`,
          'The data is ordered, so consecutive batches pull the weights in different directions (shuffle it).',
        ],
        ...(call.at ? { at: call.at } : {}),
        ...(call.at && proposal !== undefined ? { fix: { kind: 'set-learning-rate' as const, at: call.at, learningRate: proposal } } : {}),
      },
    ];
  },
};
