/**
 * The step budget a model's optimizer needs, and the verdict once the run is known: a run too short
 * for its optimizer, or one made on the static build when execute mode was asked for, cannot say
 * that a model is broken or sound, so it is inconclusive and says why.
 */
import { formatNumber } from './format-text';
import { learningRateOf } from './optimizers';
import type { Optimizer } from './tf';
import type { BackendName, Cause, FallbackReason, OverfitResult } from './types';

/** The budget for an optimizer that moves the weights fast enough (adam at 0.01, sgd at 0.1). */
export const BASE_STEPS = 300;
/** The largest default budget: past it, an optimizer this slow is a finding of its own. */
export const MAX_DEFAULT_STEPS = 2000;

/** Optimizers whose step is about the learning rate whatever the gradient's size. */
const ADAPTIVE = new Set(['adam', 'adamax', 'rmsprop', 'adagrad', 'adadelta']);

export interface OptimizerInfo {
  /** tfjs's name for it: `adam`, `sgd`, `momentum`, ... */
  readonly name: string;
  readonly learningRate?: number;
}

export function optimizerInfo(optimizer: Optimizer | undefined): OptimizerInfo | undefined {
  if (!optimizer) return undefined;
  const name = optimizer.getClassName().replace(/Optimizer$/, '').toLowerCase();
  const learningRate = learningRateOf(optimizer);
  return { name, ...(learningRate !== undefined ? { learningRate } : {}) };
}

/**
 * The steps the optimizer needs to fit a small batch. An adaptive optimizer moves each weight by
 * about its learning rate per step, so it needs about 1 / rate steps to move a weight by one; plain
 * gradient descent moves it by the rate times a gradient of a few hundredths, and momentum by
 * 1 / (1 - momentum) times that.
 */
export function stepsFor(info: OptimizerInfo | undefined): number {
  const rate = info?.learningRate;
  if (!info || rate === undefined || !(rate > 0)) return BASE_STEPS;
  let steps: number;
  if (ADAPTIVE.has(info.name)) steps = 1 / rate;
  else {
    const momentum = info.name === 'momentum' ? 0.9 : 0;
    steps = 30 / (rate / (1 - momentum));
  }
  return Math.round(Math.min(Math.max(steps, BASE_STEPS), MAX_DEFAULT_STEPS));
}

/**
 * Runtime causes that a run too short for its optimizer shows as well as a broken model does. The
 * control runs are as short as the run: that the zero-input control ends as high as a run that
 * barely moved says nothing either.
 */
const SLOW_ONLY = new Set(['loss-not-decreasing', 'learning-rate-too-low', 'input-ignored']);

export interface Settling {
  /** The budget the run had. */
  readonly steps: number;
  readonly optimizer: OptimizerInfo | undefined;
  /** Why execute mode fell back to the static build, when it did. */
  readonly fallback?: { readonly reason: FallbackReason; readonly message: string };
  /** The code never compiles the model: the check chose its loss and optimizer (see ModelSpec's compile). */
  readonly standIn?: boolean;
  /** The build filled in sizes or a rate the code leaves to a caller or to the run (see ModelSpec's standInValues). */
  readonly standInValues?: boolean;
  /** The linter reports an error or a warning where the model is built, compiled or trained. */
  readonly explainedByCode?: boolean;
}

/** Causes that say the model learns too little, too slowly or too fast: what a stand-in size or rate can cause by itself. */
const STAND_IN_SENSITIVE = new Set([...SLOW_ONLY, 'missing-capacity', 'learning-rate-too-high', 'diverging-loss']);

/**
 * The result with its final verdict. A failure it makes inconclusive was one of slow or too little
 * learning that the run cannot pin on the model: those causes are warnings then, as a check the time
 * limit cut short says them, not errors under a verdict that blames nothing.
 */
export function settleVerdict(result: OverfitResult, settling: Settling): OverfitResult {
  const settled = settledVerdict(result, settling);
  if (result.verdict !== 'fail' || settled.verdict !== 'inconclusive') return settled;
  return { ...settled, causes: settled.causes.map((cause) => (cause.severity === 'error' && STAND_IN_SENSITIVE.has(cause.id) ? { ...cause, severity: 'warning' } : cause)) };
}

function settledVerdict(result: OverfitResult, settling: Settling): OverfitResult {
  const fallback = settling.fallback ? { fallback: settling.fallback } : {};
  if (result.verdict === 'fail' && tooFewSteps(result, settling)) {
    const needed = stepsFor(settling.optimizer);
    const optimizer = settling.optimizer!;
    return {
      ...result,
      ...fallback,
      verdict: 'inconclusive',
      inconclusive: {
        reason: 'too-few-steps',
        message: `${settling.steps} steps were too few for ${optimizer.name} at learning rate ${formatNumber(optimizer.learningRate)}: the loss was still going down. Run the check with about ${needed} steps.`,
      },
    };
  }
  // A static run that stands in for the script's own proves nothing about the script's data: the
  // fallback is the reason, whatever else was inconclusive about the run.
  if (settling.fallback && result.verdict !== 'fail') {
    const batch = result.data.source === 'synthetic' ? 'a made-up batch, which says nothing about your data' : 'the data written in the code, not what the script loads';
    const also = result.inconclusive ? ` ${result.inconclusive.message}` : '';
    return {
      ...result,
      ...fallback,
      verdict: 'inconclusive',
      inconclusive: {
        reason: 'static-fallback',
        // Why it fell back is the result's `fallback`, said above the verdict: not again here.
        message: `The check fell back to static mode: the rebuilt model was trained on ${batch}.${also}`,
      },
    };
  }
  // With a loss and optimizer the check chose, slow progress is no finding: the code's own training
  // may suit the model better.
  if (settling.standIn && result.verdict === 'fail' && result.causes.every((cause) => SLOW_ONLY.has(cause.id) || cause.severity !== 'error')) {
    return {
      ...result,
      ...fallback,
      verdict: 'inconclusive',
      inconclusive: {
        reason: 'stand-in-training',
        message:
          "The model's layers learned the batch only slowly with a loss and an optimizer the check chose, since the check found no compile of the model; the code that trains it did not run, so whether that training works is not known. Run the check on a script that calls it.",
      },
    };
  }
  // A model too small, too slow or too fast at values the check chose may be none of these at the code's own.
  // A finding of the code's own (softmax with binaryCrossentropy) explains the failure whatever the sizes.
  if (settling.standInValues && result.verdict === 'fail' && !settling.explainedByCode && result.causes.every((cause) => STAND_IN_SENSITIVE.has(cause.id) || cause.severity !== 'error')) {
    return {
      ...result,
      ...fallback,
      verdict: 'inconclusive',
      inconclusive: {
        reason: 'stand-in-values',
        message:
          'The model did not learn the batch at values the check chose in place of ones the code leaves open (see the notes); at its real values it may. Run the check on a script that builds and compiles it with real values.',
      },
    };
  }
  // Made-up inputs are independent random values: a sound model that compresses its input (an
  // autoencoder's bottleneck) cannot reproduce them, so slow progress on them, with nothing in the code
  // or the layers to say why, may be the batch's doing. Evidence of the layers (dead units, vanishing
  // gradients) or a finding of the code still fails it.
  if (result.data.source === 'synthetic' && result.verdict === 'fail' && !settling.explainedByCode && result.causes.every((cause) => SLOW_ONLY.has(cause.id) || cause.severity !== 'error')) {
    return {
      ...result,
      ...fallback,
      verdict: 'inconclusive',
      inconclusive: {
        reason: 'synthetic-batch',
        message:
          'The model learned the made-up batch too slowly, and nothing in the code or in its layers says why: the made-up inputs are independent random values, which some sound models (one that compresses its input, as an autoencoder does) cannot learn to reproduce. Run the check in execute mode on your data, or write the data in the code.',
      },
    };
  }
  // Layers that learn with a loss the check chose say nothing of the code that really trains them,
  // whether they learned the batch or were still learning it when the steps ran out.
  const stillLearning = result.verdict === 'inconclusive' && result.inconclusive?.reason === 'too-few-steps';
  if (settling.standIn && (result.verdict === 'pass' || stillLearning)) {
    return {
      ...result,
      ...fallback,
      verdict: 'inconclusive',
      inconclusive: {
        reason: 'stand-in-training',
        message: `The model's layers ${stillLearning ? 'were still learning the batch when the steps ran out,' : 'learned the batch'} with a loss and an optimizer the check chose, since the check found no compile of the model; the code that trains it did not run, so whether that training works is not known. Run the check on a script that calls it.`,
      },
    };
  }
  return { ...result, ...fallback };
}

/** A failure that only says the loss did not fall far enough, in fewer steps than the optimizer needs. */
function tooFewSteps(result: OverfitResult, settling: Settling): boolean {
  if (!settling.optimizer || settling.optimizer.learningRate === undefined) return false;
  if (settling.steps >= stepsFor(settling.optimizer)) return false;
  if (!result.causes.every((cause) => SLOW_ONLY.has(cause.id) || cause.severity === 'info')) return false;
  const losses = result.losses;
  if (!losses.every(Number.isFinite) || losses.length < 2) return false;
  // Falling: the end of the run is lower than its start.
  return losses.at(-1)! < losses[0]! * 0.98 || result.causes.some((cause) => cause.id === 'learning-rate-too-low');
}

/** Causes only a whole run decides: a check the time limit cut short does not show them. */
const RUN_DECIDED = new Set(['loss-not-decreasing', 'learning-rate-too-high', 'learning-rate-too-low', 'input-ignored', 'missing-capacity']);

/** Where the time limit cut a check short: its main run, or the control runs that tell why it failed. */
export type TimeCut = 'training' | 'controls';

/**
 * A check the time limit cut short, when the causes found so far leave the verdict to the runs it
 * cut (no error but those a whole run decides): inconclusive, those errors warnings. Undefined when
 * nothing was cut or what was found already decides.
 */
export function cutShort(cut: TimeCut | undefined, causes: readonly Cause[], losses: readonly number[], run: TimedRun): { inconclusive: { reason: 'time-limit'; message: string }; causes: Cause[] } | undefined {
  if (!cut || !causes.every((cause) => cause.severity !== 'error' || RUN_DECIDED.has(cause.id))) return undefined;
  return {
    inconclusive: { reason: 'time-limit', message: timeLimitMessage(cut, losses, run) },
    causes: causes.map((cause) => (cause.severity === 'error' ? { ...cause, severity: 'warning' } : cause)),
  };
}

interface TimedRun {
  readonly steps: number;
  readonly backend: BackendName;
  readonly timeLimitMs?: number;
}

/**
 * How long before the parent's time limit the check stops training and settles a verdict with what
 * it has (the losses, the layers, its notes), which the parent's own verdict at the limit cannot
 * give. Small: settling takes a moment, and should it take longer the parent's verdict stands.
 */
export function settlingMargin(timeLimitMs: number): number {
  return Math.min(Math.max(timeLimitMs * 0.1, 500), 10_000);
}

/** Why a check is inconclusive when its time limit cut it short (its main run, or the control runs after it), and what to do. */
function timeLimitMessage(cut: TimeCut, losses: readonly number[], run: TimedRun): string {
  const limit = run.timeLimitMs !== undefined ? `the time limit of ${Math.round(run.timeLimitMs / 1000)} s` : 'the time limit';
  const first = losses[0];
  const last = losses.at(-1);
  const range = first !== undefined && last !== undefined ? ` (loss ${formatNumber(first)} → ${formatNumber(last)})` : '';
  const more = 'Give it more time (--time-limit, or the tfjsDoctor.overfit.timeLimit setting).';
  return cut === 'training'
    ? `Training stopped shortly before ${limit}, after ${losses.length < run.steps ? `${losses.length} of ${run.steps}` : `${losses.length}`} steps on the ${run.backend} backend${range}, ${losses.length < run.steps ? 'before the check could tell' : `the loss still falling past the step budget of ${run.steps}, before the model had learned the batch`}. ${more}`
    : `The model had not learned the batch after ${losses.length} steps${range}, and ${limit} ran out before the control runs that tell why (the learning rate ×10 and ÷10, zero inputs) finished. ${more}`;
}

/**
 * Advice to run the check in execute mode, rewritten for a check that ran in execute mode and fell
 * back to the static build (or failed): the advice would send the user round in a circle. What it
 * says instead points at what else can be done: data in the code, a value, a script that runs.
 */
const EXECUTE_ADVICE: readonly (readonly [RegExp, string | ((match: string, ...groups: string[]) => string)])[] = [
  [/Run the check in execute mode, or (\w)/g, (_match, first: string) => first.toUpperCase()],
  [/run the check in execute mode, or (on a script)/g, 'run the check $1'],
  [/: run the check in execute mode or give it a value/g, ': give it a value'],
  [/ \(run the check in execute mode\)/g, ''],
  [/Run the check in execute mode to train with the code's own loss\./g, "Once the script runs to its training here, the check trains with the code's own loss."],
  [/[Rr]un the check in execute mode on a script that runs/g, 'Run the check on a script that runs'],
  [/\. Run the check in execute mode\b/g, ''],
  [/run the check in execute mode/g, 'make the script run to its training here (see why it did not)'],
];

export function withoutExecuteAdvice(text: string): string {
  let rewritten = text;
  for (const [pattern, replacement] of EXECUTE_ADVICE) rewritten = typeof replacement === 'string' ? rewritten.replace(pattern, replacement) : rewritten.replace(pattern, replacement);
  return rewritten;
}
