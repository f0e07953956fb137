/**
 * How often a watched run measures: every batch's loss while there are few, fewer as a call grows
 * long; per-layer evidence a handful of times per call. Reading a loss back or probing the layers
 * costs time the user's training would otherwise use.
 */

/** Batch losses recorded per epoch at most, when the number of batches per epoch is known. */
export const BATCHES_PER_EPOCH = 50;
/** Batch losses recorded per call before the stride doubles, and again each time as many more are: a call of n steps records about BATCHES_PER_CALL · log2(n / BATCHES_PER_CALL) losses. */
export const BATCHES_PER_CALL = 1000;
/** Per-layer samples of a call whose number of epochs is known. */
export const LAYER_SAMPLES = 6;

/** Which steps of a call have their loss recorded: every `stride`-th, the stride doubling each time BATCHES_PER_CALL more are recorded. */
export class BatchSampler {
  private stride: number;
  private recorded = 0;
  private limit = BATCHES_PER_CALL;

  /** `batchesPerEpoch`, when known, spreads the recorded losses over each epoch. */
  constructor(batchesPerEpoch?: number) {
    this.stride = batchesPerEpoch !== undefined && batchesPerEpoch > BATCHES_PER_EPOCH ? Math.ceil(batchesPerEpoch / BATCHES_PER_EPOCH) : 1;
  }

  /** Whether step `step` (0-based, counted over the whole call) is recorded. Call once per step, in order. */
  takes(step: number): boolean {
    if (step % this.stride !== 0) return false;
    this.recorded++;
    if (this.recorded >= this.limit) {
      this.stride *= 2;
      this.limit += BATCHES_PER_CALL;
    }
    return true;
  }
}

/**
 * The epochs whose first step is probed: the first, the last, and evenly between, `LAYER_SAMPLES`
 * in all at most. The first step of an epoch sees the weights of the previous epoch's end.
 */
export function layerSampleEpochs(epochs: number, initialEpoch = 0): Set<number> {
  const count = Math.max(0, epochs - initialEpoch);
  const picked = new Set<number>();
  if (count === 0) return picked;
  const samples = Math.min(LAYER_SAMPLES, count);
  for (let index = 0; index < samples; index++) picked.add(initialEpoch + (samples === 1 ? 0 : Math.round((index * (count - 1)) / (samples - 1))));
  return picked;
}

/**
 * For calls whose length is not known (a loop of `trainOnBatch` calls, a custom loop, a fit that
 * may stop early): steps (or epochs) 0, 1, 3, 10, 30, 100, 300, ... — two per decade, so a long
 * loop gets a few more samples and a short one a few.
 */
export function isLayerSampleStep(step: number): boolean {
  if (step === 0) return true;
  for (let decade = 1; decade <= step; decade *= 10) {
    if (step === decade || step === 3 * decade) return true;
  }
  return false;
}
