/**
 * The learning-rate range test, over any "train one step at this rate, give the loss" function.
 *
 * The method is Smith's LR range test (L. N. Smith, "Cyclical Learning Rates for Training Neural
 * Networks", WACV 2017, arXiv:1506.01186, section 3.3): train while the learning rate grows, and read
 * the usable rates off the curve of loss against rate. The settings and the proposal follow fast.ai's
 * `lr_find` (fastai/callback/schedule.py: `LRFinder`, `minimum`, `steep`): an exponential schedule
 * from 1e-7 to 10 over 100 steps, the loss smoothed by an exponential moving average with bias
 * correction (S. Gugger, "How Do You Find A Good Learning Rate", 2017), a stop once the smoothed loss
 * exceeds 4 times its lowest value, and as the proposal a tenth of the rate where the smoothed loss is
 * lowest (fast.ai's `minimum`: one order of magnitude below the minimum, where the loss still falls
 * fast), with the rate of steepest descent beside it (fast.ai's `steep`).
 *
 * One departure: the average's β is 0.9, not fast.ai's 0.98. β = 0.98 remembers about 50 steps, which
 * in a 100-step schedule spans four decades of rates and drags the lowest point of the smoothed curve
 * towards higher rates; 0.9 remembers about 10 steps, under one decade. On bench/lr-range-grid.ts
 * (three small models, shuffled batches of their data) the proposals from 0.98 were 2.5, 6.1 and 6.3
 * times the best fixed rate of a grid search, those from 0.9 1.4, 5.1 and 2.5 times.
 */
import type { LearningRateRange, RangePoint, RangeStop } from './types';

export interface RangeSettings {
  readonly minRate: number;
  readonly maxRate: number;
  /** Steps of the schedule; the rate is multiplied by the same factor at each. */
  readonly steps: number;
  /** β of the moving average of the loss: it remembers about 1 / (1 - β) steps. */
  readonly smoothing: number;
  /** The test stops once the smoothed loss exceeds this many times its lowest value. */
  readonly divergence: number;
}

export const RANGE_SETTINGS: RangeSettings = { minRate: 1e-7, maxRate: 10, steps: 100, smoothing: 0.9, divergence: 4 };

/**
 * What the proposal reads: fast.ai skips the first tenth of the steps (where the smoothed loss still
 * settles) and the last 5 (where it has started to rise).
 */
const SKIP_END = 5;
/** Fewer points than this left to read: the curve says nothing. */
const MIN_POINTS = 10;
/** A minimum less than this far below where the curve starts is no minimum: the loss never fell. */
const MIN_DROP = 0.1;

/** The rate at step `index` of the schedule. */
export function scheduledRate(settings: RangeSettings, index: number): number {
  return settings.minRate * (settings.maxRate / settings.minRate) ** (index / Math.max(settings.steps - 1, 1));
}

/**
 * Whether the smoothed loss has run away from its lowest value. For a loss that can be 0 or below
 * (a cosine proximity), "4 times the lowest" means nothing: the rise is measured against how far the
 * loss had fallen.
 */
function diverged(smoothed: number, lowest: number, first: number, factor: number): boolean {
  if (lowest > 0) return smoothed > factor * lowest;
  return smoothed - lowest > (factor - 1) * Math.max(first - lowest, Math.abs(lowest), Number.MIN_VALUE);
}

/** Runs the schedule, one `step` per rate, until it ends, the loss runs away or `shouldStop` says so. */
export async function rangeCurve(
  step: (learningRate: number, index: number) => number | Promise<number>,
  settings: RangeSettings = RANGE_SETTINGS,
  shouldStop?: () => boolean,
): Promise<{ points: RangePoint[]; stop: RangeStop }> {
  const points: RangePoint[] = [];
  let average = 0;
  let lowest = Number.POSITIVE_INFINITY;
  for (let index = 0; index < settings.steps; index++) {
    if (shouldStop?.()) return { points, stop: 'stopped' };
    const learningRate = scheduledRate(settings, index);
    const loss = await step(learningRate, index);
    if (!Number.isFinite(loss)) return { points, stop: 'non-finite' };
    average = settings.smoothing * average + (1 - settings.smoothing) * loss;
    // Bias correction: the average starts at 0, which would drag its first values down.
    const smoothed = average / (1 - settings.smoothing ** (index + 1));
    points.push({ learningRate, loss, smoothed });
    if (smoothed < lowest) lowest = smoothed;
    if (index > 0 && diverged(smoothed, lowest, points[0]!.smoothed, settings.divergence)) return { points, stop: 'diverged' };
  }
  return { points, stop: 'end' };
}

/** Two significant digits: the rate as it is written into the code, and shown. */
export function roundRate(rate: number): number {
  return Number(rate.toPrecision(2));
}

function rateText(rate: number): string {
  return String(roundRate(rate));
}

/** Reads the curve: the lowest point, the steepest descent, and the rate to propose, or why there is none. */
export function readCurve(points: readonly RangePoint[], stop: RangeStop, settings: RangeSettings = RANGE_SETTINGS): Omit<LearningRateRange, 'optimizer' | 'currentRate'> {
  const skipStart = Math.floor(settings.steps / 10);
  const window = points.slice(skipStart, Math.max(skipStart, points.length - SKIP_END));
  const base = { points, stop };
  if (window.length < MIN_POINTS) {
    const last = points.at(-1);
    const at = last ? ` at a learning rate of ${rateText(last.learningRate)}` : ' on its first step';
    const how = stop === 'stopped' ? 'was stopped' : stop === 'non-finite' ? `became NaN or infinite${at}` : stop === 'diverged' ? `ran away${at}` : 'ended';
    return { ...base, inconclusive: `No usable minimum: the loss ${how}, too early in the test to read a rate off the curve.${stop === 'non-finite' || stop === 'diverged' ? ' Even tiny learning rates do not train this model: look for a bug (the check\'s causes) before tuning the rate.' : ''}` };
  }
  let lowestIndex = 0;
  window.forEach((point, index) => {
    if (point.smoothed < window[lowestIndex]!.smoothed) lowestIndex = index;
  });
  let steepestIndex = 0;
  let steepestSlope = Number.POSITIVE_INFINITY;
  for (let index = 0; index + 1 < window.length; index++) {
    const slope = (window[index + 1]!.smoothed - window[index]!.smoothed) / (Math.log(window[index + 1]!.learningRate) - Math.log(window[index]!.learningRate));
    if (slope < steepestSlope) {
      steepestSlope = slope;
      steepestIndex = index;
    }
  }
  const lowestPoint = window[lowestIndex]!;
  const steepestPoint = window[steepestIndex]!;
  const read = {
    ...base,
    lowest: { learningRate: lowestPoint.learningRate, loss: lowestPoint.smoothed },
    ...(steepestSlope < 0 ? { steepest: { learningRate: steepestPoint.learningRate, loss: steepestPoint.smoothed } } : {}),
  };
  const start = window[0]!.smoothed;
  const drop = (start - lowestPoint.smoothed) / Math.max(Math.abs(start), Number.MIN_VALUE);
  if (!(drop >= MIN_DROP)) {
    return { ...read, inconclusive: `No usable minimum: the smoothed loss never fell by ${Math.round(MIN_DROP * 100)} % at any learning rate from ${rateText(window[0]!.learningRate)} to ${rateText(window.at(-1)!.learningRate)}, so no rate trains this model better than another. Look for what stops it learning (the check's causes) before tuning the rate.` };
  }
  if (lowestIndex === window.length - 1 && stop === 'end') {
    return { ...read, inconclusive: `No usable minimum: the loss was still falling at the highest learning rate tried (${rateText(settings.maxRate)}), so the curve has no minimum to read a rate from.` };
  }
  return { ...read, proposal: roundRate(lowestPoint.learningRate / 10) };
}

/** The whole test: the curve, then what it says. */
export async function rangeTest(
  step: (learningRate: number, index: number) => number | Promise<number>,
  settings: RangeSettings = RANGE_SETTINGS,
  shouldStop?: () => boolean,
): Promise<Omit<LearningRateRange, 'optimizer' | 'currentRate'>> {
  const { points, stop } = await rangeCurve(step, settings, shouldStop);
  return readCurve(points, stop, settings);
}
