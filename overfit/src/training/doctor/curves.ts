/** What the learning-curve checks share: reading a metric's curve, smoothing it, fitting its trend. */
import type { TrainingCall } from '../types';

/** A metric's values at the epochs that logged it; a value logged as null (NaN in JSON) is NaN. */
export interface Curve {
  readonly metric: string;
  readonly epochs: number[];
  readonly values: number[];
}

/** The metric's per-epoch curve, in epoch order. */
export function curveOf(call: TrainingCall, metric: string): Curve {
  const epochs: number[] = [];
  const values: number[] = [];
  for (const record of call.epochs) {
    if (!record || typeof record.logs !== 'object' || record.logs === null || !(metric in record.logs)) continue;
    const value = (record.logs as Record<string, unknown>)[metric];
    epochs.push(record.epoch);
    values.push(typeof value === 'number' ? value : Number.NaN);
  }
  return { metric, epochs, values };
}

/** The accuracy metric tfjs logged, under whichever name the model's metrics gave it. */
export function accuracyCurve(call: TrainingCall, validation: boolean): Curve | undefined {
  for (const name of ['acc', 'accuracy', 'binaryAccuracy', 'categoricalAccuracy']) {
    const curve = curveOf(call, validation ? `val_${name}` : name);
    if (curve.values.length > 0) return curve;
  }
  return undefined;
}

export const allFinite = (values: readonly number[]): boolean => values.every(Number.isFinite);

export function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** Centred moving average over `window` points (fewer at the ends). */
export function smooth(values: readonly number[], window: number): number[] {
  const half = Math.floor(window / 2);
  return values.map((_, i) => mean(values.slice(Math.max(0, i - half), Math.min(values.length, i + half + 1))));
}

/** Index of the smallest value (the first, on ties). */
export function argMin(values: readonly number[]): number {
  let best = 0;
  values.forEach((value, i) => {
    if (value < values[best]!) best = i;
  });
  return best;
}

/** Least-squares line through (x, y): slope and intercept. */
export function lineFit(xs: readonly number[], ys: readonly number[]): { slope: number; intercept: number } {
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  xs.forEach((x, i) => {
    sxy += (x - mx) * (ys[i]! - my);
    sxx += (x - mx) ** 2;
  });
  const slope = sxx > 0 ? sxy / sxx : 0;
  return { slope, intercept: my - slope * mx };
}

/**
 * The fall of a positive curve over its points, from a line fitted to its logarithm: 0.1 means the
 * trend lost 10 % between the first point and the last. Negative when the trend rises.
 */
export function trendFall(values: readonly number[]): number {
  const { slope } = lineFit(
    values.map((_, i) => i),
    values.map((value) => Math.log(value)),
  );
  return 1 - Math.exp(slope * (values.length - 1));
}

/**
 * An exponential approach to a floor, `floor + scale · rate^t`, fitted by least squares to the
 * points (t = 0, 1, ...): for each rate on a fine grid in (0, 1) the floor and scale are linear, and
 * the rate with the smallest error wins. A floor below zero is clamped to zero (losses are not
 * negative), which makes the fit a pure exponential decay.
 */
export function decayFit(values: readonly number[]): { floor: number; scale: number; rate: number } | undefined {
  if (values.length < 3 || !values.every((value) => Number.isFinite(value) && value > 0)) return undefined;
  let best: { floor: number; scale: number; rate: number; error: number } | undefined;
  for (let k = 1; k <= 400; k++) {
    // Rates from 0.5 to 0.9995, denser near 1 where slow trends live.
    const rate = 1 - 0.5 * Math.pow(1e-3, k / 400);
    const basis = values.map((_, t) => Math.pow(rate, t));
    let { slope: scale, intercept: floor } = lineFit(basis, values);
    if (floor < 0) {
      floor = 0;
      const sbb = basis.reduce((sum, b) => sum + b * b, 0);
      scale = basis.reduce((sum, b, t) => sum + b * values[t]!, 0) / sbb;
    }
    if (scale <= 0) continue;
    const error = values.reduce((sum, value, t) => sum + (value - floor - scale * basis[t]!) ** 2, 0);
    if (!best || error < best.error) best = { floor, scale, rate, error };
  }
  return best && { floor: best.floor, scale: best.scale, rate: best.rate };
}

/**
 * How rough a positive curve is: the mean size of the second differences of its logarithm. A curve
 * that falls or rises at a steady rate, or turns once, is smooth (near 0); one that zigzags by ±10 %
 * from epoch to epoch scores about 0.4.
 */
export function roughness(values: readonly number[]): number {
  const logs = values.map((value) => Math.log(value));
  let total = 0;
  for (let i = 1; i < logs.length - 1; i++) total += Math.abs(logs[i + 1]! - 2 * logs[i]! + logs[i - 1]!);
  return logs.length > 2 ? total / (logs.length - 2) : 0;
}

/** A number as a message shows it: three significant digits, exponent form when very small or large. */
export function format(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value !== 0 && (Math.abs(value) < 1e-3 || Math.abs(value) >= 1e5)) return value.toExponential(1);
  return Number(value.toPrecision(3)).toString();
}

export function percent(fraction: number): string {
  return `${Math.round(fraction * 100)} %`;
}

/** Epochs as the user sees them in tfjs's logs ("Epoch 3 / 20"): 1-based. */
export function epochLabel(epoch: number): string {
  return `epoch ${epoch + 1}`;
}

/** The learning rate of the call's optimizer, when the run recorded a usable one. */
export function learningRateOf(call: TrainingCall): number | undefined {
  const rate = call.config.learningRate;
  return typeof rate === 'number' && Number.isFinite(rate) && rate > 0 ? rate : undefined;
}

/** A rate rounded to two significant digits, for a proposal written into code. */
export function roundRate(rate: number): number {
  return Number(rate.toPrecision(2));
}
