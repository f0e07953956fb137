/** Training calls made from plain numbers, for the checks' tests. */
import type { CallEnd, LayerSample, TrainingCall, TrainingConfig, TrainingRecord } from '../types';

export const FIT_AT = { file: '/work/train.js', line: 12 } as const;

/** A `fit` call whose epochs logged the given metrics (one array per metric, one value per epoch). */
export function fitCall(
  metrics: Readonly<Record<string, readonly number[]>>,
  options: { config?: TrainingConfig; layerSamples?: LayerSample[]; end?: CallEnd; at?: boolean } = {},
): TrainingCall {
  const epochs = Math.max(0, ...Object.values(metrics).map((values) => values.length));
  return {
    index: 0,
    kind: 'fit',
    model: 'model',
    ...(options.at === false ? {} : { at: FIT_AT }),
    config: options.config ?? { epochs, batchSize: 32 },
    epochs: Array.from({ length: epochs }, (_, epoch) => ({
      epoch,
      logs: Object.fromEntries(Object.entries(metrics).flatMap(([name, values]) => (epoch < values.length ? [[name, values[epoch]!]] : []))),
      at: epoch * 100,
    })),
    batches: [],
    layerSamples: options.layerSamples ?? [],
    end: options.end ?? 'finished',
  };
}

export function recordOf(...calls: TrainingCall[]): TrainingRecord {
  return { file: FIT_AT.file, backend: 'cpu', calls: calls.map((call, index) => ({ ...call, index })), ms: 1000, end: 'finished' };
}

/** from · factor^t for t = 0 … epochs−1, plus an optional floor. */
export function decay(from: number, factor: number, epochs: number, floor = 0): number[] {
  return Array.from({ length: epochs }, (_, t) => floor + from * Math.pow(factor, t));
}

/** A deterministic wobble of ± `amount` (relative) on a curve, from a fixed pseudo-random sequence. */
export function jitter(values: readonly number[], amount: number, seed = 1): number[] {
  let state = seed;
  return values.map((value) => {
    state = (state * 1664525 + 1013904223) % 4294967296;
    return value * (1 + amount * (2 * (state / 4294967296) - 1));
  });
}

/** Layer samples, one per epoch, each a list of [name, gradNorm, deadFraction?] for the layers. */
export function samples(perEpoch: readonly (readonly [string, number, number?][])[]): LayerSample[] {
  return perEpoch.map((layers, epoch) => ({
    step: epoch * 10,
    epoch,
    layers: layers.map(([name, gradNorm, deadFraction]) => ({ name, type: 'Dense', gradNorm, updateRatio: 1e-3, ...(deadFraction !== undefined ? { deadFraction } : {}) })),
  }));
}
