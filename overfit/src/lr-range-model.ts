/**
 * The learning-rate range test on a compiled model and one batch: a fresh optimizer of the model's
 * own class and settings, its rate set before each step, from the model's weights as they are now
 * (the check's starting point), which are put back afterwards with the model's own optimizer.
 */
import type { Batch } from './batch';
import { Random } from './random';
import { rangeTest, RANGE_SETTINGS, type RangeSettings } from './lr-range';
import { freshOptimizer, learningRateOf, recompile } from './optimizers';
import type { LayersModel, Optimizer, Tensor, Tf } from './tf';
import { inputsOf } from './train';
import type { LearningRateRange } from './types';

export interface ModelRangeOptions {
  readonly settings?: RangeSettings;
  readonly onStep?: (step: number, loss: number) => void;
  readonly shouldStop?: () => boolean;
}

/**
 * Sets the rate the optimizer's next step uses. SGD and momentum keep it as a tensor made by
 * `setLearningRate`; the others read their `learningRate` field at each step.
 */
export function setLearningRate(optimizer: Optimizer, rate: number): void {
  const settable = optimizer as unknown as { setLearningRate?: (rate: number) => void; learningRate: number };
  if (typeof settable.setLearningRate === 'function') settable.setLearningRate(rate);
  else settable.learningRate = rate;
}

function lossOf(value: number | number[]): number {
  return Array.isArray(value) ? value[0]! : value;
}

/**
 * What the test trains on at each step: the batch of that step, and whether it was made for the step
 * (and is freed after it) or is kept by the caller.
 */
export interface RangeBatches {
  readonly at: (step: number) => Batch;
  readonly madePerStep: boolean;
  readonly data: LearningRateRange['data'];
}

/** The same batches again and again, in turn. */
export function fixedBatches(batches: readonly Batch[]): RangeBatches {
  return { at: (step) => batches[step % batches.length]!, madePerStep: false, data: batches.length === 1 ? 'one batch' : 'batches' };
}

/**
 * Batches of `size` samples drawn from all of the training data, as fit draws them: a seeded
 * shuffle of the samples, taken in turn, shuffled again once used up. Undefined when the data holds
 * no more than one batch.
 */
export function shuffledBatches(tf: Tf, xs: readonly Tensor[], ys: readonly Tensor[], size: number, seed: number): RangeBatches | undefined {
  const samples = Math.min(...[...xs, ...ys].map((tensor) => tensor.shape[0] ?? 0));
  if (!(samples > size) || size < 1) return undefined;
  const random = new Random(seed);
  let order: number[] = [];
  const shuffle = () => {
    order = Array.from({ length: samples }, (_, index) => index);
    for (let index = samples - 1; index > 0; index--) {
      const other = Math.floor(random.next() * (index + 1));
      [order[index], order[other]] = [order[other]!, order[index]!];
    }
  };
  const perEpoch = Math.floor(samples / size);
  return {
    madePerStep: true,
    data: 'shuffled batches',
    at: (step) => {
      const within = step % perEpoch;
      if (within === 0) shuffle();
      const indices = order.slice(within * size, (within + 1) * size);
      return tf.tidy(() => {
        const picked = tf.tensor1d(indices, 'int32');
        return { xs: xs.map((x) => tf.gather(x, picked)), ys: ys.map((y) => tf.gather(y, picked)), size, source: 'captured' as const };
      });
    },
  };
}

/** The test on the batches given, one per step: successive batches of the data, as the method runs over an epoch, or the check's one batch again. */
export async function modelRangeTest(tf: Tf, model: LayersModel, batches: RangeBatches, options: ModelRangeOptions = {}): Promise<LearningRateRange> {
  const own = model.optimizer;
  const currentRate = learningRateOf(own);
  const optimizerName = own?.getClassName();
  const described = { ...(optimizerName ? { optimizer: optimizerName } : {}), ...(currentRate !== undefined ? { currentRate } : {}) };
  if (!own || currentRate === undefined) {
    return { points: [], stop: 'not-run', inconclusive: `The range test needs an optimizer with a learning rate${optimizerName ? `, and ${optimizerName} has none the test can set` : ''}.`, ...described };
  }
  const initialWeights: Tensor[] = model.getWeights().map((weight) => tf.clone(weight));
  const optimizer = freshOptimizer(own, 1);
  recompile(model, optimizer);
  try {
    const read = await rangeTest(
      async (rate, index) => {
        setLearningRate(optimizer, rate);
        const batch = batches.at(index);
        let loss: number;
        try {
          loss = lossOf(await model.trainOnBatch(inputsOf(batch), batch.ys.length === 1 ? batch.ys[0]! : batch.ys));
        } finally {
          if (batches.madePerStep) tf.dispose([...batch.xs, ...batch.ys]);
        }
        options.onStep?.(index, loss);
        return loss;
      },
      options.settings ?? RANGE_SETTINGS,
      options.shouldStop,
    );
    return { ...read, ...described, data: batches.data };
  } finally {
    // The check trains from where the test started, with the model's own optimizer, untouched.
    model.setWeights(initialWeights);
    recompile(model, own);
    tf.dispose(initialWeights);
    optimizer.dispose();
  }
}
