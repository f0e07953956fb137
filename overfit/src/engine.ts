/** The overfit check on one model and one batch: the main run, the control runs, the verdict. */
import { classCounts, embeddingVocabularies, MIN_BATCH, outputActivation, outputKinds, type Batch } from './batch';
import { capacityCause, hasHiddenNonlinearity, linearFit, noBetterThanLinear, oneOptimum, type LinearFit } from './capacity';
import { dataCauses, rankCauses, runCauses, stillLearning, stillLearningInconclusive, type Controls, type DataFacts } from './diagnose';
import type { LabelKind } from './losses';
import { activationProbe, activationStats, gradientNorms, trainableLayers, type LayerProbe } from './probes';
import { freshOptimizer, learningRateOf, recompile } from './optimizers';
import { cutShort, type TimeCut } from './outcome';
import { seedMathRandom } from './random';
import type { LayersModel, Tensor, Tf } from './tf';
import { train, type RunOutcome } from './train';
import type { BackendName, Cause, InconclusiveReason, InitialisationRun, LayerEvidence, Mode, OverfitResult, Verdict } from './types';

export interface CheckOptions {
  readonly steps: number;
  readonly mode: Mode;
  readonly modelName: string;
  readonly backend: BackendName;
  readonly notes?: readonly string[];
  readonly file?: string;
  readonly line?: number;
  readonly onProgress?: (phase: string, step: number, loss: number) => void;
  /**
   * True once the check must settle with what it has: its time limit is near. Training stops, the
   * runs not yet made are left out, and a verdict they would have decided is inconclusive.
   */
  readonly shouldStop?: () => boolean;
  /** The time limit shouldStop keeps to, for the verdict's words. */
  readonly timeLimitMs?: number;
  /** The seed the weights and the synthetic data were drawn with. */
  readonly seed?: number;
  /**
   * The same model with new initial weights, drawn from `Math.random` (which the check seeds). A
   * failing check trains such copies from other seeds, to tell a broken model from an unlucky start.
   */
  readonly reinitialise?: () => Promise<LayersModel>;
}

/** A linear fit below this fraction of the loss reached without the input makes use of the input. */
const NO_BETTER_THAN_CONSTANT = 0.9;
/** A failed check is run again from this many other initialisations. */
const EXTRA_INITIALISATIONS = 2;

/** A run that keeps improving may go on to this many times its step budget. */
const MAX_EXTENSION = 5;
/** Control runs are shorter: they only need to show a clear difference. */
const CONTROL_STEPS = 150;

/** The output activation ranges that labels must fall inside. */
const ACTIVATION_RANGES: Readonly<Record<string, { min: number; max: number; text: string }>> = {
  sigmoid: { min: 0, max: 1, text: '[0, 1]' },
  hardSigmoid: { min: 0, max: 1, text: '[0, 1]' },
  softmax: { min: 0, max: 1, text: '[0, 1]' },
  tanh: { min: -1, max: 1, text: '[-1, 1]' },
  softsign: { min: -1, max: 1, text: '[-1, 1]' },
  relu: { min: 0, max: Number.POSITIVE_INFINITY, text: '[0, ∞)' },
  relu6: { min: 0, max: 6, text: '[0, 6]' },
  softplus: { min: 0, max: Number.POSITIVE_INFINITY, text: '(0, ∞)' },
  elu: { min: -1, max: Number.POSITIVE_INFINITY, text: '[-1, ∞)' },
};

function dataFacts(tf: Tf, model: LayersModel, batch: Batch, kinds: readonly LabelKind[]): DataFacts {
  const ids = embeddingVocabularies(model);
  const valueInputs = batch.xs.filter((_, index) => !ids.has(index));
  // One read of each input (the batch is small) and plain loops: cheaper than a chain of kernels.
  let inputMax = 0;
  let nonFinite = false;
  let integers = valueInputs.length > 0;
  for (const x of valueInputs) {
    for (const value of x.dataSync() as Iterable<number>) {
      if (!Number.isFinite(value)) {
        nonFinite = true;
        continue;
      }
      const magnitude = Math.abs(value);
      if (magnitude > inputMax) inputMax = magnitude;
      if (integers && value !== Math.round(value)) integers = false;
    }
  }
  const labelsOutOfRange: DataFacts['labelsOutOfRange'][number][] = [];
  kinds.forEach((kind, index) => {
    const labels = batch.ys[index];
    if (!labels) return;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (const value of labels.dataSync() as Iterable<number>) {
      if (value < min) min = value;
      if (value > max) max = value;
    }
    const output = model.outputNames[index] ?? String(index + 1);
    if (kind === 'class-ids') {
      const units = model.outputs[index]?.shape.at(-1);
      if (typeof units === 'number' && (min < 0 || max >= units)) {
        labelsOutOfRange.push({ output, activation: `${units}-unit`, min, max, range: `[0, ${units - 1}] (one id per unit)` });
      }
      return;
    }
    if (kind === 'signs') return;
    const activation = outputActivation(model, index);
    const range = activation ? ACTIVATION_RANGES[activation] : undefined;
    if (activation && range && (min < range.min - 1e-6 || max > range.max + 1e-6)) {
      labelsOutOfRange.push({ output, activation, min, max, range: range.text });
    }
  });
  const counts = classCounts(tf, model, batch);
  return {
    source: batch.source,
    inputMax,
    inputHasNonFinite: nonFinite,
    inputsAreIntegers: integers,
    inputsAreIds: valueInputs.length === 0,
    ...(counts ? { classCounts: counts } : {}),
    labelsOutOfRange,
    kinds,
  };
}

function evidence(layers: readonly { name: string; getClassName(): string }[], gradNorms: readonly number[], updateRatios: readonly number[], activations: Map<string, { deadFraction?: number; std: number }>): LayerProbe[] {
  return layers.map((layer, index) => {
    const stats = activations.get(layer.name);
    return {
      name: layer.name,
      type: layer.getClassName(),
      gradNorm: gradNorms[index] ?? Number.NaN,
      updateRatio: updateRatios[index] ?? Number.NaN,
      ...(stats?.deadFraction !== undefined ? { deadFraction: stats.deadFraction } : {}),
      ...(stats ? { activationStd: stats.std } : {}),
    };
  });
}

/** Whether every output is the same for every sample of the batch. */
function outputIsConstant(tf: Tf, model: LayersModel, batch: Batch): boolean {
  return tf.tidy(() => {
    const outputs = model.predict(batch.xs.length === 1 ? batch.xs[0]! : batch.xs) as Tensor | Tensor[];
    return (Array.isArray(outputs) ? outputs : [outputs]).every((output) => {
      if ((output.shape[0] ?? 0) < 2) return false;
      const spread = tf.moments(output, 0).variance.max().dataSync()[0]!;
      return Number.isFinite(spread) && spread < 1e-12;
    });
  });
}

/**
 * The model's first training step threw: tfjs refuses the model, its loss or its batch as they are,
 * as the script's own training would. The error is kept as thrown, for the caller to tell a kernel
 * the backend lacks from the rest.
 */
export class FirstStepError extends Error {
  constructor(readonly error: unknown) {
    super(error instanceof Error ? error.message : String(error));
  }
}

export async function checkModel(tf: Tf, model: LayersModel, batch: Batch, options: CheckOptions): Promise<OverfitResult> {
  const started = performance.now();
  const kinds = outputKinds(model);
  const facts = dataFacts(tf, model, batch, kinds);
  const layers = trainableLayers(model);
  const probe = activationProbe(tf, model);
  const initialWeights: Tensor[] = model.getWeights().map((weight) => tf.clone(weight));
  const optimizer = model.optimizer;
  const learningRate = learningRateOf(optimizer);
  const progress = (phase: string) => (step: number, loss: number) => options.onProgress?.(phase, step, loss);

  let main: RunOutcome;
  let stepped = false;
  const outOfTime = (): boolean => options.shouldStop?.() === true;
  /** Where the time limit cut the check short: its main run, or the control runs that tell why it failed. */
  let cut: TimeCut | undefined;
  const onTrainingStep = progress('training');
  try {
    main = await train(tf, model, batch, {
      steps: options.steps,
      maxSteps: options.steps * MAX_EXTENSION,
      kinds,
      layers,
      measureUpdates: true,
      onStep: (step, loss) => {
        stepped = true;
        onTrainingStep(step, loss);
      },
      ...(options.shouldStop ? { shouldStop: options.shouldStop } : {}),
    });
  } catch (error) {
    // A kernel the backend lacks fails the first step; the caller may retry on another backend.
    tf.dispose(initialWeights);
    throw stepped ? error : new FirstStepError(error);
  }
  // Cut within its budget, or past it while the loss still fell: the main run's own length was not reached.
  if (main.stop === 'budget' && main.losses.length < options.steps * MAX_EXTENSION && outOfTime()) cut = 'training';
  const finalGradients = main.stop === 'non-finite' ? layers.map(() => Number.NaN) : gradientNorms(tf, model, batch, layers);
  const activations = activationStats(tf, probe, batch);
  let layerEvidence = evidence(layers, finalGradients, main.updateRatios ?? [], activations);
  const causes: Cause[] = dataCauses(facts);
  /** A bug of the data (labels out of the output's reach, non-finite inputs) fails whatever the start. */
  const dataBug = causes.some((cause) => cause.severity === 'error');
  const learnedBatch = main.stop === 'fitted' && !facts.inputHasNonFinite;
  let capacity: Cause | undefined;
  let fit: LinearFit | undefined;
  let bestLoss = Number.NaN;
  if (!learnedBatch && outOfTime()) cut ??= 'controls';
  if (!learnedBatch && !outOfTime()) {
    const controls: { -readonly [K in keyof Controls]: Controls[K] } = learningRate !== undefined ? { learningRate } : {};
    const controlRun = async (phase: string, scale: number, zeroInputs: boolean): Promise<RunOutcome | undefined> => {
      if (!optimizer) return undefined;
      if (outOfTime()) {
        cut = 'controls';
        return undefined;
      }
      model.setWeights(initialWeights);
      recompile(model, freshOptimizer(optimizer, scale));
      const inputs = zeroInputs ? batch.xs.map((x) => tf.zerosLike(x)) : batch.xs;
      const steps = Math.min(options.steps, CONTROL_STEPS);
      const run = await train(tf, model, { ...batch, xs: inputs }, { steps, kinds, layers, measureUpdates: false, onStep: progress(phase), ...(options.shouldStop ? { shouldStop: options.shouldStop } : {}) });
      if (zeroInputs) tf.dispose(inputs);
      // A control the time limit cut short compares nothing: it is left out.
      if (run.stop === 'budget' && run.losses.length < steps) {
        cut = 'controls';
        return undefined;
      }
      return run;
    };
    controls.constantOutput = outputIsConstant(tf, model, batch);
    if (learningRate !== undefined) {
      const lower = await controlRun('learning rate ÷ 10', 0.1, false);
      if (lower) controls.lowerRate = lower;
      if (main.stop !== 'non-finite' && main.stop !== 'diverged') {
        const higher = await controlRun('learning rate × 10', 10, false);
        if (higher) controls.higherRate = higher;
      }
    }
    if (main.stop !== 'non-finite') {
      const zero = await controlRun('zero inputs', 1, true);
      if (zero) controls.zeroInputs = zero;
    }
    // Gradient ratios and dead units are judged where training starts, before the run reshapes them.
    model.setWeights(initialWeights);
    const startActivations = activationStats(tf, probe, batch);
    for (const [name, stats] of startActivations) {
      const now = activations.get(name);
      if (now && stats.deadFraction !== undefined && (now.deadFraction === undefined || stats.deadFraction > now.deadFraction)) {
        activations.set(name, { ...now, deadFraction: stats.deadFraction });
      }
    }
    layerEvidence = evidence(layers, finalGradients, main.updateRatios ?? [], activations);
    const diagnosisEvidence = evidence(layers, gradientNorms(tf, model, batch, layers), main.updateRatios ?? [], activations);
    const dataErrors = causes.some((cause) => cause.severity === 'error');
    const found = runCauses(main, controls, diagnosisEvidence, dataErrors);
    // Capacity is the question for a model without hidden nonlinearities, once bad data does not
    // already stop the loss; on a synthetic batch, what a linear model reaches also tells a model
    // slow on the labels' nonlinear part from a broken one.
    if (main.stop !== 'non-finite' && !dataErrors && (!hasHiddenNonlinearity(model) || batch.source === 'synthetic') && !options.shouldStop?.()) {
      // What the model reached at its best, whatever the learning rate, against the best linear model.
      const reached = [main, controls.lowerRate, controls.higherRate].flatMap((run) => run?.losses.filter(Number.isFinite) ?? []);
      bestLoss = reached.length > 0 ? Math.min(...reached) : Number.NaN;
      fit = await linearFit(tf, model, batch, kinds);
      capacity = capacityCause(model, fit, bestLoss);
      // A model that ends where it ends without its input, on a batch where a linear model does
      // better than that, ignores its input: it does not merely lack capacity.
      const withoutInput = controls.zeroInputs?.losses.at(-1);
      if (capacity && found.some((cause) => cause.id === 'input-ignored') && fit?.loss !== undefined && withoutInput !== undefined && fit.loss < NO_BETTER_THAN_CONSTANT * withoutInput) capacity = undefined;
    }
    if (capacity) {
      // The best linear fit of a batch like XOR is a constant that ignores the input, and its loss
      // stops short of zero: both say what the capacity cause says. Gradients that are all zero do not.
      const flat = main.losses.every((loss) => loss === main.losses[0]);
      causes.push(capacity, ...found.filter((cause) => cause.id !== 'input-ignored' && (cause.id !== 'loss-not-decreasing' || flat)));
    } else {
      // NaN in the data already says why the loss is NaN: one nan-or-inf, the data's.
      causes.push(...found.filter((cause) => !causes.some((known) => known.id === cause.id)));
    }
  }
  // Labels the output cannot produce make a falling loss meaningless (binary cross-entropy of a label
  // of 5 goes below zero): the run may look fitted, but the model cannot fit these labels.
  const unreachableLabels = facts.labelsOutOfRange.length > 0;
  // A model still learning steadily, with nothing wrong found, is slow rather than broken: the run
  // was too short to tell.
  const slow = !unreachableLabels && !learnedBatch && !facts.inputHasNonFinite && stillLearning(main) && !causes.some((cause) => cause.severity === 'error');
  let verdict: Verdict = !unreachableLabels && learnedBatch ? 'pass' : slow ? 'inconclusive' : 'fail';
  let inconclusive: { reason: InconclusiveReason; message: string } | undefined = slow ? stillLearningInconclusive(main) : undefined;
  if ((verdict === 'pass' || slow) && batch.size < MIN_BATCH) {
    // A pass on a few samples, or a run still learning them, proves something only when no linear
    // model could have fitted them: more steps would not change that.
    const small = await linearFit(tf, model, batch, kinds);
    if (!small || small.fits) {
      inconclusive = { reason: 'batch-too-small', message: `The batch is too small: ${batch.size === 1 ? 'one sample' : `${batch.size} samples`}, which ${small?.trivially ? 'any model with a bias and enough weights fits' : 'a linear model fits as well'}, so learning ${batch.size === 1 ? 'it' : 'them'} shows nothing. Train with batches of at least ${MIN_BATCH} samples, or give fit more data.` };
    }
  }
  if (verdict === 'pass' && !inconclusive && batch.source === 'synthetic' && !hasHiddenNonlinearity(model) && (fit ?? (await linearFit(tf, model, batch, kinds)))?.fits === true) {
    // Made-up labels that a linear model fits too: a model without a hidden nonlinearity learning
    // them says nothing about whether it can learn data that needs one.
    inconclusive = {
      reason: 'synthetic-batch',
      message: 'The model learned the made-up batch, but a linear model fits that batch too, and this model has no hidden nonlinearity: whether it has the capacity its real data needs depends on that data, which is not known without running the code. Run the check in execute mode, or write the data in the code.',
    };
  }
  if (verdict === 'fail' && capacity && batch.source === 'synthetic' && !causes.some((cause) => cause !== capacity && cause.severity === 'error')) {
    // Made-up labels beyond a linear model say nothing about whether the real data is.
    inconclusive = {
      reason: 'synthetic-batch',
      message: 'The model could not fit the made-up batch, which no linear model can fit either; whether it has the capacity its real data needs depends on that data, which is not known without running the code. Run the check in execute mode, or write the data in the code.',
    };
    causes[causes.indexOf(capacity)] = { ...capacity, severity: 'warning' };
  }
  const flatLoss = main.losses.every((loss) => loss === main.losses[0]);
  const onlySlow = !flatLoss && causes.every((cause) => cause.severity !== 'error' || cause.id === 'loss-not-decreasing');
  if (verdict === 'fail' && !capacity && batch.source === 'synthetic' && fit && noBetterThanLinear(fit, bestLoss) && onlySlow) {
    inconclusive = { reason: 'too-few-steps', message: `The step budget may be too small: in ${main.losses.length} steps the model learned no more of the synthetic batch than a linear model can (loss ${Number(bestLoss.toPrecision(3))} against ${Number(fit.loss.toPrecision(3))}). The batch's labels are partly nonlinear, and this model may need more steps for that part (raise the step budget), or the real data, which is not known without running the code.` };
    causes.forEach((cause, index) => {
      if (cause.id === 'loss-not-decreasing') causes[index] = { ...cause, severity: 'warning' };
    });
  }
  // What the runs the time limit cut would have decided is not known.
  const cutVerdict = learnedBatch ? undefined : cutShort(cut, causes, main.losses, options);
  if (cutVerdict) {
    inconclusive = cutVerdict.inconclusive;
    causes.splice(0, causes.length, ...cutVerdict.causes);
  }
  if (inconclusive) verdict = 'inconclusive';
  let initialisations: InitialisationRun[] | undefined;
  const notes = [...(options.notes ?? [])];
  const reinitialises = verdict === 'fail' && options.reinitialise && optimizer && !oneOptimum(model);
  if (reinitialises && outOfTime()) notes.push('The time limit left no time to train the model from two more initial weights, which tells a model that cannot learn from one that only started badly.');
  if (reinitialises && !outOfTime()) {
    initialisations = await otherInitialisations(tf, model, batch, kinds, options, optimizer, main, progress);
    const cause = initialisationCause(initialisations);
    if (cause) causes.unshift(cause);
    if (cause && !dataBug) {
      // From another start the model learns the batch, so it can: the start decides, which says the
      // model is fragile, not that it is broken.
      verdict = 'inconclusive';
      inconclusive = { reason: 'initialisation', message: initialisationVerdict(initialisations) };
    }
  }
  tf.dispose(initialWeights);

  const initialLoss = main.losses[0] ?? Number.NaN;
  const finalLoss = main.losses.at(-1) ?? Number.NaN;
  const layerResults: LayerEvidence[] = layerEvidence.map((layer) => ({
    name: layer.name,
    type: layer.type,
    gradNorm: layer.gradNorm,
    updateRatio: layer.updateRatio,
    ...(layer.deadFraction !== undefined ? { deadFraction: layer.deadFraction } : {}),
    ...(layer.activationStd !== undefined ? { activationStd: layer.activationStd } : {}),
  }));
  return {
    verdict,
    ...(inconclusive ? { inconclusive } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(initialisations ? { initialisations } : {}),
    model: options.modelName,
    backend: options.backend,
    mode: options.mode,
    data: { source: batch.source, batchSize: batch.size, ...(facts.classCounts ? { classCounts: facts.classCounts } : {}) },
    steps: main.losses.length,
    initialLoss,
    finalLoss,
    ms: Math.round(performance.now() - started),
    losses: main.losses,
    layers: layerResults,
    causes: rankCauses(causes),
    ...(notes.length > 0 ? { notes } : {}),
    ...(options.file ? { file: options.file } : {}),
    ...(options.line ? { line: options.line } : {}),
  };
}

/**
 * The failed run again from other initial weights (seeds after the check's own), each a fresh copy
 * of the model trained on the same batch with the same optimizer. The first entry is the run made.
 */
async function otherInitialisations(
  tf: Tf,
  model: LayersModel,
  batch: Batch,
  kinds: readonly LabelKind[],
  options: CheckOptions,
  optimizer: NonNullable<LayersModel['optimizer']>,
  main: RunOutcome,
  progress: (phase: string) => (step: number, loss: number) => void,
): Promise<InitialisationRun[]> {
  const seed = options.seed ?? 1;
  const runs: InitialisationRun[] = [{ seed, learned: false, finalLoss: main.losses.at(-1) ?? Number.NaN }];
  for (let extra = 1; extra <= EXTRA_INITIALISATIONS && !options.shouldStop?.(); extra++) {
    const restore = seedMathRandom(seed + extra);
    let copy: LayersModel | undefined;
    try {
      copy = await options.reinitialise!();
      copy.compile({ optimizer: freshOptimizer(optimizer, 1), loss: (model as unknown as { loss: never }).loss });
      // As long as the main run may go: a start that only learns slowly must reach the fit to count.
      const run = await train(tf, copy, batch, {
        steps: options.steps,
        maxSteps: options.steps * MAX_EXTENSION,
        kinds,
        layers: trainableLayers(copy),
        measureUpdates: false,
        onStep: progress(`initialisation ${extra + 1} of ${EXTRA_INITIALISATIONS + 1}`),
        ...(options.shouldStop ? { shouldStop: options.shouldStop } : {}),
      });
      runs.push({ seed: seed + extra, learned: run.stop === 'fitted', finalLoss: run.losses.at(-1) ?? Number.NaN });
    } catch {
      // A model that cannot be copied (a layer of the script's own that tfjs cannot rebuild) keeps its one run.
      break;
    } finally {
      copy?.dispose();
      restore();
    }
  }
  return runs;
}

/** The inconclusive verdict of a check whose failure the initial weights decide. */
function initialisationVerdict(runs: readonly InitialisationRun[]): string {
  const failed = runs.filter((run) => !run.learned).length;
  return `The initial weights decide whether the model learns the batch: it fails in ${failed} of ${runs.length} initialisations and learns it from the others, so it can learn and is not broken, only fragile.`;
}

/** When the initial weights decide whether the model learns: how often it fails, and which way it goes. */
export function initialisationCause(runs: readonly InitialisationRun[]): Cause | undefined {
  const learnedRuns = runs.filter((run) => run.learned);
  if (learnedRuns.length === 0 || runs.length < 2) return undefined;
  const failed = runs.length - learnedRuns.length;
  const mostly = failed * 2 > runs.length;
  return {
    id: 'depends-on-initialisation',
    severity: 'warning',
    message: `Fails in ${failed} of ${runs.length} initialisations: from other random initial weights (seed${learnedRuns.length > 1 ? 's' : ''} ${learnedRuns.map((run) => run.seed).join(' and ')}) the model learns the batch, so ${
      mostly ? 'it usually fails, and ' : 'it usually learns, but '
    }the start decides whether it trains at all. A single ReLU unit that starts dead, or a layer too narrow to recover from a bad start, does this: use more units, leakyReLU, or an initialiser suited to the activation.`,
  };
}
