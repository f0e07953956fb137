/** One training run on one batch, with probes, stopping early once the batch is learned or lost. */
import type { Batch } from './batch';
import { isClassification, type LabelKind } from './losses';
import { stillLearning } from './diagnose';
import { snapshot, updateRatios } from './probes';
import type { Layer, LayersModel, Tensor, Tf } from './tf';

export type StopReason = 'fitted' | 'non-finite' | 'diverged' | 'stalled' | 'budget';

export interface RunOutcome {
  readonly losses: number[];
  readonly stop: StopReason;
  /** ‖Δw‖ / ‖w‖ per trainable layer for the latest measured step (when updates were measured). */
  readonly updateRatios?: number[];
}

export interface RunOptions {
  /** The step budget. While the loss still falls steadily, the run goes on up to `maxSteps`. */
  readonly steps: number;
  readonly maxSteps?: number;
  readonly kinds: readonly LabelKind[];
  readonly layers: readonly Layer[];
  /** Measure the update of one step in every CHECK_EVERY (a copy of the weights each time). */
  readonly measureUpdates: boolean;
  readonly onStep?: (step: number, loss: number) => void;
  /** Checked between steps; a true result ends the run as over budget. */
  readonly shouldStop?: () => boolean;
}

/** How often the batch is checked for being learned; a prediction costs about one step. */
const CHECK_EVERY = 5;
/** After this many steps with exactly the same loss, nothing is changing and the run ends. */
const STALLED_STEPS = 40;
/** Past the budget, a run goes on while each window of this many steps lowers the loss by EXTEND_GAIN, or the run still falls steadily. */
const EXTEND_WINDOW = 50;
const EXTEND_GAIN = 1.15;

/**
 * Whether a run goes on at this step. Past its budget, it does while it is still learning: the last
 * window lowered the loss fast, or the run as a whole still falls steadily (stillLearning). A slow
 * optimizer is no broken model, and a run that ends still learning has not shown whether the model
 * learns the batch.
 */
export function goesOn(losses: readonly number[], step: number, budget: number): boolean {
  if (step < budget || (step - budget) % EXTEND_WINDOW !== 0) return true;
  return losses[step - EXTEND_WINDOW]! >= EXTEND_GAIN * losses[step - 1]! || stillLearning({ losses: [...losses], stop: 'budget' });
}
/** A loss this many times the starting loss means training ran away. */
const DIVERGED_FACTOR = 100;

/** Regression counts as learned when the loss is down to this fraction of where it started. */
export const REGRESSION_FRACTION = 0.02;
export const REGRESSION_FLOOR = 1e-4;

function asList<T>(value: T | T[]): T[] {
  return Array.isArray(value) ? value : [value];
}

export function inputsOf(batch: Batch): Tensor | Tensor[] {
  return batch.xs.length === 1 ? batch.xs[0]! : batch.xs;
}

function labelsOf(batch: Batch): Tensor | Tensor[] {
  return batch.ys.length === 1 ? batch.ys[0]! : batch.ys;
}

/** Whether every classification output gets every sample right. */
function classifiesBatch(tf: Tf, model: LayersModel, batch: Batch, kinds: readonly LabelKind[]): boolean {
  return tf.tidy(() => {
    const predictions = asList(model.predict(inputsOf(batch)) as Tensor | Tensor[]);
    return kinds.every((kind, index) => {
      const prediction = predictions[index]!;
      const labels = batch.ys[index]!;
      let right: Tensor;
      switch (kind) {
        case 'one-hot':
          if (prediction.shape[prediction.rank - 1] === 1) return false;
          right = prediction.argMax(-1).equal(labels.argMax(-1));
          break;
        case 'class-ids':
          right = prediction.argMax(-1).flatten().equal(labels.flatten().round().cast('int32'));
          break;
        case 'binary':
          right = prediction.greater(0.5).equal(labels.greater(0.5));
          break;
        case 'signs':
          right = prediction.greater(0).equal(labels.greater(0));
          break;
        default:
          return true;
      }
      return right.all().dataSync()[0] === 1;
    });
  });
}

/** Whether the model has learned the batch, by accuracy for classification and by loss otherwise. */
export function learned(tf: Tf, model: LayersModel, batch: Batch, kinds: readonly LabelKind[], initialLoss: number, loss: number): boolean {
  const onlyClassification = kinds.length > 0 && kinds.every(isClassification);
  if (!onlyClassification && !(loss <= Math.max(REGRESSION_FLOOR, REGRESSION_FRACTION * initialLoss))) return false;
  return classifiesBatch(tf, model, batch, kinds);
}

function lossValue(value: number | number[]): number {
  return Array.isArray(value) ? value[0]! : value;
}

/** Trains the model on the batch with its compiled optimizer until it learns it or the budget ends. */
export async function train(tf: Tf, model: LayersModel, batch: Batch, options: RunOptions): Promise<RunOutcome> {
  const losses: number[] = [];
  let ratios: number[] | undefined;
  let stop: StopReason = 'budget';
  const x = inputsOf(batch);
  const y = labelsOf(batch);
  const maxSteps = Math.max(options.maxSteps ?? options.steps, options.steps);
  for (let step = 0; step < maxSteps; step++) {
    if (options.shouldStop?.()) break;
    if (!goesOn(losses, step, options.steps)) break;
    // The step before each check is measured, so the last measurement is close to where the run ends.
    const measuring = options.measureUpdates && (step + 1) % CHECK_EVERY === 0;
    const before = measuring ? snapshot(tf, options.layers) : undefined;
    const loss = lossValue(await model.trainOnBatch(x, y));
    losses.push(loss);
    if (before) ratios = updateRatios(tf, options.layers, before);
    options.onStep?.(step, loss);
    if (!Number.isFinite(loss)) {
      stop = 'non-finite';
      break;
    }
    if (step >= 5 && loss > DIVERGED_FACTOR * Math.max(losses[0]!, 1e-6)) {
      stop = 'diverged';
      break;
    }
    if (step >= STALLED_STEPS && losses[step - STALLED_STEPS] === loss && losses.slice(-STALLED_STEPS).every((value) => value === loss)) {
      stop = 'stalled';
      break;
    }
    if ((step + 1) % CHECK_EVERY === 0 && learned(tf, model, batch, options.kinds, losses[0]!, loss)) {
      stop = 'fitted';
      break;
    }
  }
  return { losses, stop, ...(ratios ? { updateRatios: ratios } : {}) };
}
