/**
 * The overfit check on a custom training loop: the step's loss closure is trained again and again on
 * the batch it holds, with the script's optimizer, and the same probes and controls as for a model
 * where they apply (the loss curve, gradients and updates per layer, the learning-rate controls).
 */
import { missingWasmKernel, type LoadedTf } from './backend';
import { rankCauses, runCauses, stillLearning, stillLearningInconclusive, type Controls } from './diagnose';
import { cutShort, type TimeCut } from './outcome';
import type { LoopCapture } from './loop-capture';
import { formatNumber } from './format-text';
import { freshOptimizer, learningRateOf } from './optimizers';
import type { Optimizer, Tensor, Tf } from './tf';
import { goesOn, REGRESSION_FLOOR, REGRESSION_FRACTION, type RunOutcome, type StopReason } from './train';
import { OverfitError, type BackendName, type Cause, type LayerEvidence, type Mode, type OverfitResult, type WorkerMessage } from './types';

type Variable = import('@tensorflow/tfjs').Variable;
type Scalar = import('@tensorflow/tfjs').Scalar;

export interface LoopCheckOptions {
  readonly steps: number;
  /** Static when the loss was rebuilt from the code rather than taken from the running script. */
  readonly mode?: Mode;
  /**
   * An error of the linter's in the step explains a loss without a lower bound (a negative
   * log-likelihood of raw logits). Without one, such a loss may be by design (a policy gradient with
   * advantages of both signs, a value to maximise) and is no failure.
   */
  readonly unboundedExplained?: boolean;
  readonly backend: BackendName;
  readonly notes: string[];
  readonly onProgress?: (phase: string, step: number, loss: number) => void;
  /** True once the check must settle with what it has: its time limit is near. */
  readonly shouldStop?: () => boolean;
  readonly timeLimitMs?: number;
}

/** The rate the check trains with when the script applies its gradients itself in a way not measured. */
const DEFAULT_RATE = 0.01;
const CHECK_EVERY = 5;
const STALLED_STEPS = 40;
const DIVERGED_FACTOR = 100;
const MAX_EXTENSION = 5;
const CONTROL_STEPS = 150;
const YIELD_EVERY = 20;
/** Steps trained past a loss below zero, to see whether it levels off. */
const BOUND_STEPS = 100;
/** How far past its scale a loss must keep falling to have no lower bound. */
const UNBOUNDED_FACTOR = 10;

/** Variables grouped by the layer they belong to (`dense_Dense1/kernel` → `dense_Dense1`), else one group each. */
export interface VariableGroup {
  readonly name: string;
  readonly type: string;
  readonly variables: Variable[];
}

export function groupVariables(variables: readonly Variable[]): VariableGroup[] {
  const groups = new Map<string, VariableGroup>();
  variables.forEach((variable, index) => {
    const slash = variable.name.lastIndexOf('/');
    const layer = slash > 0 ? variable.name.slice(0, slash) : undefined;
    // Layer names are `<prefix>_<Class><n>` unless the script names them.
    const type = layer ? (/_([A-Z][A-Za-z0-9]*?)\d+$/.exec(layer)?.[1] ?? 'Layer') : 'Variable';
    const name = layer ?? (/^\d+$/.test(variable.name) ? `variable ${index + 1} [${variable.shape.join(', ')}]` : variable.name);
    const group = groups.get(name) ?? { name, type, variables: [] };
    group.variables.push(variable);
    groups.set(name, group);
  });
  return [...groups.values()];
}

function lossValue(tensor: Tensor): number {
  const value = tensor.dataSync()[0]!;
  tensor.dispose();
  return value;
}

/** The norm of the loss gradient for each group (0 for a group the loss does not reach), and which groups it reaches. */
function gradients(tf: Tf, loss: () => Scalar, groups: readonly VariableGroup[]): { norms: number[]; reached: boolean[] } {
  const variables = groups.flatMap((group) => group.variables);
  let grads: Record<string, Tensor> = {};
  try {
    const computed = tf.variableGrads(loss, variables);
    computed.value.dispose();
    grads = computed.grads;
  } catch (error) {
    // tfjs refuses a loss that reaches none of the variables.
    if (!/Cannot find a connection/.test(String((error as Error).message))) throw error;
  }
  const reached = groups.map((group) => group.variables.some((variable) => grads[variable.name]));
  const norms = tf.tidy(() => {
    const squared = groups.map((group) => {
      const parts = group.variables.flatMap((variable) => (grads[variable.name] ? [grads[variable.name]!.square().sum()] : []));
      return parts.length > 0 ? tf.addN(parts) : tf.scalar(0);
    });
    return Array.from(tf.stack(squared).dataSync(), Math.sqrt);
  });
  tf.dispose(Object.values(grads));
  return { norms, reached };
}

function gradientNorms(tf: Tf, loss: () => Scalar, groups: readonly VariableGroup[]): number[] {
  return gradients(tf, loss, groups).norms;
}

function updateRatios(tf: Tf, groups: readonly VariableGroup[], before: Tensor[]): number[] {
  const values = tf.tidy(() => {
    let index = 0;
    const sums = groups.map((group) => {
      const change = tf.addN(group.variables.map((variable, k) => variable.sub(before[index + k]!).square().sum()));
      const size = tf.addN(group.variables.map((_, k) => before[index + k]!.square().sum()));
      index += group.variables.length;
      return tf.stack([change, size]);
    });
    return tf.stack(sums).dataSync();
  });
  tf.dispose(before);
  return groups.map((_, index) => {
    const change = values[2 * index]!;
    const size = values[2 * index + 1]!;
    return size > 0 ? Math.sqrt(change) / Math.sqrt(size) : change > 0 ? Number.POSITIVE_INFINITY : 0;
  });
}

interface RunSettings {
  readonly steps: number;
  readonly maxSteps: number;
  readonly measureUpdates: boolean;
  /** Train on past a fitted loss (false when probing for a lower bound). */
  readonly stopWhenFitted?: boolean;
  /** The size of loss past which the run has diverged; by default its first loss. */
  readonly divergenceScale?: number;
  readonly onStep?: (step: number, loss: number) => void;
  readonly shouldStop?: () => boolean;
}

/** Trains the closure with the optimizer until the loss is down to a fiftieth of its start, or the budget ends. */
async function train(tf: Tf, loss: () => Scalar, groups: readonly VariableGroup[], optimizer: Optimizer, settings: RunSettings): Promise<RunOutcome> {
  const variables = groups.flatMap((group) => group.variables);
  const losses: number[] = [];
  let ratios: number[] | undefined;
  let stop: StopReason = 'budget';
  for (let step = 0; step < settings.maxSteps; step++) {
    // Steps are synchronous: a pause now and then lets progress reach the panel and a cancel reach the run.
    if (step % YIELD_EVERY === YIELD_EVERY - 1) await new Promise((resolve) => setImmediate(resolve));
    if (settings.shouldStop?.()) break;
    if (!goesOn(losses, step, settings.steps)) break;
    const measuring = settings.measureUpdates && (step + 1) % CHECK_EVERY === 0;
    const before = measuring ? variables.map((variable) => tf.clone(variable)) : undefined;
    const value = lossValue(optimizer.minimize(loss, true, variables)!);
    losses.push(value);
    if (before) ratios = updateRatios(tf, groups, before);
    settings.onStep?.(step, value);
    if (!Number.isFinite(value)) {
      stop = 'non-finite';
      break;
    }
    if (step >= 5 && value > DIVERGED_FACTOR * (settings.divergenceScale ?? Math.max(losses[0]!, 1e-6))) {
      stop = 'diverged';
      break;
    }
    if (step >= STALLED_STEPS && losses.slice(-STALLED_STEPS - 1).every((earlier) => earlier === value)) {
      stop = 'stalled';
      break;
    }
    if (settings.stopWhenFitted !== false && (step + 1) % CHECK_EVERY === 0 && value <= Math.max(REGRESSION_FLOOR, REGRESSION_FRACTION * losses[0]!)) {
      stop = 'fitted';
      break;
    }
  }
  return { losses, stop, ...(ratios ? { updateRatios: ratios } : {}) };
}

/** How many samples the loss averages over: the leading size of the first tensor reduced to the loss. */
async function samplesOf(tf: Tf, loss: () => Scalar): Promise<number | undefined> {
  try {
    const info = await tf.profile(() => loss());
    for (const kernel of info.kernels) {
      const output = kernel.outputShapes[0];
      const input = kernel.inputShapes[0];
      if (output && output.length === 0 && input && input.length >= 1 && /^(Sum|Mean|Max|Prod)$/.test(kernel.name)) return input[0] ?? undefined;
    }
  } catch {
    // The count is only for the report.
  }
  return undefined;
}

/** The cause of a step whose loss reaches none of the weights it trains: tfjs refuses it, so training changes nothing. */
export function detachedLoss(step: string, listed: boolean, site: { readonly file: string; readonly line: number } | undefined): Cause {
  return {
    id: 'loss-detached',
    severity: 'error',
    message: `The loss of the training step (${step}) does not depend on any ${listed ? 'of the variables it trains' : 'trainable variable'}: no gradient reaches the weights, so training changes nothing. Values read out of the graph (dataSync, arraySync, array) and made into tensors again, or predictions computed outside the function given to the step, cut the path from the weights to the loss.`,
    ...(site ? { file: site.file, line: site.line } : {}),
  };
}

/** The call that takes the step, with its line when known (`optimizer.minimize (line 23)`). */
export function describeStep(capture: LoopCapture, withLine = true): string {
  const call = capture.via === 'minimize' ? 'optimizer.minimize' : `tf.${capture.via}`;
  return capture.site && withLine ? `${call} (line ${capture.site.line})` : call;
}

/** The optimizer the check trains with, and a note when it is not the script's own. */
function chooseOptimizer(tf: Tf, capture: LoopCapture): { optimizer: Optimizer; note?: string } {
  if (capture.optimizer) return { optimizer: freshOptimizer(capture.optimizer, 1) };
  if (capture.learningRate !== undefined) {
    return {
      optimizer: tf.train.sgd(capture.learningRate),
      note: `The training step applies its gradients itself; its first update moved the weights by ${Number(capture.learningRate.toPrecision(3))} × the gradient, so the check trains with plain gradient descent at that rate.`,
    };
  }
  return {
    optimizer: tf.train.adam(DEFAULT_RATE),
    note: `The training step computes gradients with ${describeStep(capture)} but how it applies them could not be seen, so the check trains with Adam at ${DEFAULT_RATE}.`,
  };
}

export interface LoopTarget {
  readonly name: string;
  readonly file?: string;
  readonly line?: number;
}

/** Runs the check on a captured training step. */
export async function checkLoop(tf: Tf, capture: LoopCapture, target: LoopTarget, options: LoopCheckOptions): Promise<OverfitResult> {
  const started = performance.now();
  const loss = () => {
    const value = capture.loss() as Scalar;
    return (value.rank === 0 ? value : value.mean()) as Scalar;
  };
  const groups = groupVariables(capture.variables.filter((variable) => variable.trainable));
  const variables = groups.flatMap((group) => group.variables);
  const initial = variables.map((variable) => tf.clone(variable));
  const reset = () => variables.forEach((variable, index) => variable.assign(initial[index]!));
  const { optimizer, note } = chooseOptimizer(tf, capture);
  const notes = [...options.notes, ...(note ? [note] : []), 'The check cannot feed a custom training step other inputs, so the zero-input control and the activation probes do not run.'];
  const batchSize = (await samplesOf(tf, loss)) ?? 0;
  const site = capture.site ?? (target.file ? { file: target.file, line: target.line ?? 0 } : undefined);
  const result = (fields: Pick<OverfitResult, 'verdict' | 'losses' | 'layers' | 'causes'>): OverfitResult => ({
    verdict: fields.verdict,
    model: target.name,
    backend: options.backend,
    mode: options.mode ?? 'execute',
    data: { source: 'captured', batchSize },
    steps: fields.losses.length,
    initialLoss: fields.losses[0] ?? Number.NaN,
    finalLoss: fields.losses.at(-1) ?? Number.NaN,
    ms: Math.round(performance.now() - started),
    losses: fields.losses,
    layers: fields.layers,
    causes: rankCauses(fields.causes),
    notes,
    ...(site ? { file: site.file, ...(site.line ? { line: site.line } : {}) } : {}),
  });

  // tfjs refuses the step as the code takes it: no weight ever changes.
  if (capture.refused) {
    tf.dispose(initial);
    return result({
      verdict: 'fail',
      losses: [],
      layers: [],
      causes: [
        {
          id: 'training-step-throws',
          severity: 'error',
          message: `The training step (${describeStep(capture)}) throws before it changes any weight: ${capture.refused}. tfjs takes the gradient of one number: reduce the loss to a scalar (tf.mean, tf.sum) before returning it.`,
          ...(site ? { file: site.file, line: site.line } : {}),
        },
      ],
    });
  }
  // A loss that reaches no variable cannot be trained at all: tfjs refuses the step.
  const start = gradients(tf, loss, groups);
  if (!start.reached.some(Boolean)) {
    const value = lossValue(loss());
    tf.dispose(initial);
    return result({
      verdict: 'fail',
      losses: [value],
      layers: groups.map((group) => ({ name: group.name, type: group.type, gradNorm: 0, updateRatio: 0 })),
      causes: [
        detachedLoss(describeStep(capture), variables.length > 0, site),
      ],
    });
  }

  const progress = (phase: string) => (step: number, value: number) => options.onProgress?.(phase, step, value);
  const main = await train(tf, loss, groups, optimizer, {
    steps: options.steps,
    maxSteps: options.steps * MAX_EXTENSION,
    measureUpdates: true,
    onStep: progress('training'),
    ...(options.shouldStop ? { shouldStop: options.shouldStop } : {}),
  });
  const finalNorms = main.stop === 'non-finite' ? groups.map(() => Number.NaN) : gradientNorms(tf, loss, groups);
  const evidence = (norms: readonly number[]): LayerEvidence[] =>
    groups.map((group, index) => ({ name: group.name, type: group.type, gradNorm: norms[index] ?? Number.NaN, updateRatio: main.updateRatios?.[index] ?? Number.NaN }));
  // A loss that falls below zero may have no minimum at all: training on shows whether it levels off.
  const bound = main.stop === 'fitted' && main.losses.at(-1)! < 0 ? await lowerBound(tf, loss, groups, optimizer, main.losses, progress('looking for a lower bound')) : undefined;
  if (bound?.unbounded && !options.unboundedExplained) {
    tf.dispose(initial);
    return {
      ...result({ verdict: 'inconclusive', losses: bound.losses, layers: evidence(gradientNorms(tf, loss, groups)), causes: [] }),
      inconclusive: {
        reason: 'no-known-minimum',
        message: `The loss fell below zero and kept falling, from ${formatNumber(bound.losses[0]!)} to ${formatNumber(bound.losses.at(-1)!)} in ${bound.losses.length} steps: on this batch it has no lower bound. That is a bug when the loss should have a minimum (a negative log-likelihood of raw logits), and expected of some objectives (a policy gradient with advantages of both signs, a value to maximise); nothing in the code tells which.`,
      },
    };
  }
  if (bound?.unbounded) {
    tf.dispose(initial);
    return result({
      verdict: 'fail',
      losses: bound.losses,
      layers: evidence(gradientNorms(tf, loss, groups)),
      causes: [
        {
          id: 'unbounded-loss',
          severity: 'error',
          message: `The loss of the training step has no lower bound: it fell below zero and kept falling, from ${formatNumber(bound.losses[0]!)} to ${formatNumber(bound.losses.at(-1)!)} in ${bound.losses.length} steps, without levelling off. Training then pushes the outputs without limit instead of fitting the labels. A negative log-likelihood needs log-probabilities (tf.logSoftmax of the logits, or tf.log of softmax probabilities); a loss that rewards large outputs needs them bounded.`,
          ...(site ? { file: site.file, line: site.line } : {}),
        },
      ],
    });
  }
  const causes: Cause[] = [];
  const unreached = groups.filter((_, index) => !start.reached[index]);
  if (unreached.length > 0) {
    causes.push({
      id: 'loss-detached',
      severity: 'error',
      message: `No gradient of the loss reaches ${unreached.map((group) => group.name).join(', ')}, so ${unreached.length === 1 ? 'it never changes' : 'they never change'}. Values read out of the graph (dataSync, arraySync, array) and made into tensors again cut the path from those weights to the loss.`,
      ...(site ? { file: site.file, line: site.line } : {}),
    });
  }
  const learnedBatch = main.stop === 'fitted';
  const outOfTime = (): boolean => options.shouldStop?.() === true;
  /** Where the time limit cut the check short: its main run, or the control runs that tell why it failed. */
  let cut: TimeCut | undefined = !learnedBatch && outOfTime() ? (main.stop === 'budget' && main.losses.length < options.steps * MAX_EXTENSION ? 'training' : 'controls') : undefined;
  if (!learnedBatch && !cut) {
    const learningRate = learningRateOf(optimizer);
    const controls: { -readonly [K in keyof Controls]: Controls[K] } = learningRate !== undefined ? { learningRate } : {};
    const control = async (phase: string, scale: number): Promise<RunOutcome | undefined> => {
      reset();
      const steps = Math.min(options.steps, CONTROL_STEPS);
      const run = await train(tf, loss, groups, freshOptimizer(optimizer, scale), { steps, maxSteps: steps, measureUpdates: false, onStep: progress(phase), ...(options.shouldStop ? { shouldStop: options.shouldStop } : {}) });
      // A control the time limit cut short compares nothing: it is left out.
      if (run.stop !== 'budget' || run.losses.length >= steps) return run;
      cut = 'controls';
      return undefined;
    };
    if (learningRate !== undefined) {
      const lower = await control('learning rate ÷ 10', 0.1);
      if (lower) controls.lowerRate = lower;
      if (main.stop !== 'non-finite' && main.stop !== 'diverged' && !cut) {
        const higher = await control('learning rate × 10', 10);
        if (higher) controls.higherRate = higher;
      }
    }
    reset();
    causes.push(...runCauses(main, controls, evidence(gradientNorms(tf, loss, groups)), causes.length > 0));
  }
  tf.dispose(initial);
  // What the runs the time limit cut would have decided is not known.
  const cutVerdict = cutShort(cut, causes, main.losses, options);
  if (cutVerdict) return { ...result({ verdict: 'inconclusive', losses: main.losses, layers: evidence(finalNorms), causes: cutVerdict.causes }), inconclusive: cutVerdict.inconclusive };
  // Still learning steadily, with nothing wrong found: slow rather than broken, and too short to tell.
  if (!learnedBatch && stillLearning(main) && !causes.some((cause) => cause.severity === 'error')) {
    return { ...result({ verdict: 'inconclusive', losses: main.losses, layers: evidence(finalNorms), causes }), inconclusive: stillLearningInconclusive(main) };
  }
  const verdict = learnedBatch ? 'pass' : 'fail';
  if (bound && verdict === 'pass' && causes.length === 0) {
    // Below zero: the loss's minimum is the code's own, not zero, so "fitted" cannot be told.
    const lowest = Math.min(...bound.losses);
    const end = bound.losses.at(-1)!;
    const shape = bound.rose
      ? `went below zero (from ${formatNumber(bound.losses[0]!)} to ${formatNumber(lowest)}) and rose again (to ${formatNumber(end)}): the step is unstable there, and`
      : `went below zero (from ${formatNumber(bound.losses[0]!)} to ${formatNumber(end)}) and levelled off:`;
    return {
      ...result({ verdict: 'inconclusive', losses: bound.losses, layers: evidence(finalNorms), causes }),
      inconclusive: {
        reason: 'no-known-minimum',
        message: `The loss ${shape} the loss of the code's own has a minimum other than zero, so whether the step fits the batch cannot be told from it. The weights do train: no gradient was lost.`,
      },
    };
  }
  return result({ verdict, losses: main.losses, layers: evidence(finalNorms), causes });
}

/**
 * Trains on from a loss below zero: a loss with a minimum levels off, one without keeps falling (the
 * negative log-likelihood of raw logits goes down as fast as the logits grow) or overflows.
 */
async function lowerBound(
  tf: Tf,
  loss: () => Scalar,
  groups: readonly VariableGroup[],
  optimizer: Optimizer,
  before: readonly number[],
  onStep: (step: number, loss: number) => void,
): Promise<{ unbounded: boolean; rose: boolean; losses: number[] }> {
  const fitted = before.at(-1)!;
  const scale = Math.max(Math.abs(before[0]!), Math.abs(fitted), 0.1);
  const probe = await train(tf, loss, groups, optimizer, {
    steps: BOUND_STEPS,
    maxSteps: BOUND_STEPS,
    measureUpdates: false,
    stopWhenFitted: false,
    divergenceScale: scale,
    onStep: (step, value) => onStep(before.length + step, value),
  });
  const losses = [...before, ...probe.losses];
  const finite = probe.losses.filter(Number.isFinite);
  const last = finite.at(-1) ?? fitted;
  const half = finite[Math.floor(finite.length / 2)] ?? fitted;
  // Far past its scale, and still falling in the second half at a third of the first half's pace or
  // more (a loss that overflows on the way down falls that far before it does).
  const unbounded = last < fitted - UNBOUNDED_FACTOR * scale && half - last >= (fitted - half) / 3;
  const rose = !unbounded && (probe.stop === 'diverged' || probe.stop === 'non-finite' || last > Math.min(fitted, ...finite) + scale);
  return { unbounded, rose, losses };
}

export interface LoopRequest {
  readonly steps: number;
  readonly mode?: Mode;
  readonly unboundedExplained?: boolean;
  readonly notes: string[];
  readonly target: LoopTarget;
  readonly send: (message: WorkerMessage) => void;
  readonly shouldStop?: () => boolean;
  readonly timeLimitMs?: number;
}

/**
 * The check of a captured step on the loaded backend; on wasm, a step that needs a gradient kernel
 * it lacks fails before any weight changed, and the check runs again from the same start on cpu.
 */
export async function runLoopRequest(loaded: LoadedTf, capture: LoopCapture, request: LoopRequest): Promise<OverfitResult> {
  const { tf } = loaded;
  let lastSent = 0;
  const run = (backend: BackendName): Promise<OverfitResult> => {
    request.send({ type: 'started', model: request.target.name, backend, mode: request.mode ?? 'execute', steps: request.steps });
    return checkLoop(tf, capture, request.target, {
      steps: request.steps,
      ...(request.mode ? { mode: request.mode } : {}),
      ...(request.unboundedExplained ? { unboundedExplained: true } : {}),
      backend,
      notes: request.notes,
      onProgress: (phase, step, loss) => {
        const now = Date.now();
        if (now - lastSent < 50 && step % 25 !== 0) return;
        lastSent = now;
        request.send({ type: 'progress', phase, step, loss });
      },
      ...(request.shouldStop ? { shouldStop: request.shouldStop } : {}),
      ...(request.timeLimitMs !== undefined ? { timeLimitMs: request.timeLimitMs } : {}),
    });
  };
  const initial = capture.variables.map((variable) => tf.clone(variable));
  try {
    if (loaded.backend !== 'wasm') return await run(loaded.backend);
    try {
      return await run('wasm');
    } catch (error) {
      const kernel = missingWasmKernel(error);
      if (!kernel) throw error;
      await tf.setBackend('cpu');
      capture.variables.forEach((variable, index) => variable.assign(initial[index]!));
      request.notes.push(`The WebAssembly backend has no ${kernel} kernel, which training this model needs, so the check ran on the slower cpu backend.`);
      return await run('cpu');
    }
  } catch (error) {
    if (error instanceof OverfitError) throw error;
    throw new OverfitError(`the loss of the training step (${describeStep(capture)}) failed when the check ran it again: ${(error as Error).message}`);
  } finally {
    tf.dispose(initial);
  }
}
