/** Reading the per-layer samples of a training call over time. */
import type { LayerSample } from '../types';

/** Fewest layer samples to speak of a trend over time. */
export const LAYER_SAMPLES = 3;

/** The samples in step order, without the malformed ones. */
export function orderedSamples(samples: readonly LayerSample[]): LayerSample[] {
  return samples.filter((sample) => sample && Array.isArray(sample.layers)).sort((a, b) => a.step - b.step);
}

/**
 * The index of the first sample from which `holds` is true of every later sample, when it holds for
 * at least the last LAYER_SAMPLES samples; undefined otherwise.
 */
export function holdsFrom(samples: readonly LayerSample[], holds: (sample: LayerSample) => boolean): number | undefined {
  if (samples.length < LAYER_SAMPLES) return undefined;
  let from = samples.length;
  while (from > 0 && holds(samples[from - 1]!)) from -= 1;
  return samples.length - from >= LAYER_SAMPLES ? from : undefined;
}
