/**
 * The learning-rate range test on a compiled model and one batch: a fresh optimizer of the model's
 * own class and settings, its rate set before each step, from the model's weights as they are now
 * (the check's starting point), which are put back afterwards with the model's own optimizer.
 */
import type { Batch } from './batch';
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
 * The test on the batches given, one per step in turn (successive batches of the data, as the method
 * runs over an epoch, or the check's one batch again and again).
 */
export async function modelRangeTest(tf: Tf, model: LayersModel, batches: readonly Batch[], options: ModelRangeOptions = {}): Promise<LearningRateRange> {
  const own = model.optimizer;
  const currentRate = learningRateOf(own);
  const optimizerName = own?.getClassName();
  const described = { ...(optimizerName ? { optimizer: optimizerName } : {}), ...(currentRate !== undefined ? { currentRate } : {}) };
  if (batches.length === 0) return { points: [], stop: 'not-run', inconclusive: 'The range test needs a batch to train on.', ...described };
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
        const batch = batches[index % batches.length]!;
        const loss = lossOf(await model.trainOnBatch(inputsOf(batch), batch.ys.length === 1 ? batch.ys[0]! : batch.ys));
        options.onStep?.(index, loss);
        return loss;
      },
      options.settings ?? RANGE_SETTINGS,
      options.shouldStop,
    );
    return { ...read, ...described };
  } finally {
    // The check trains from where the test started, with the model's own optimizer, untouched.
    model.setWeights(initialWeights);
    recompile(model, own);
    tf.dispose(initialWeights);
    optimizer.dispose();
  }
}
