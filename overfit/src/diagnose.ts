/**
 * Turns what the runs measured into ranked causes. Thresholds follow the runtime checks of
 * AUTOTRAINER, DeepDiagnosis and TheDeepChecker (see the overfit check's documentation).
 */
import type { LabelKind } from './losses';
import type { RunOutcome } from './train';
import type { Cause, LayerEvidence, OverfitResult } from './types';

/** A ReLU layer with at least this fraction of units silent on the whole batch is dying (AUTOTRAINER γ). */
export const DEAD_RELU_FRACTION = 0.7;
/** First-to-last gradient norm ratios outside [VANISHING_RATIO, EXPLODING_RATIO] (AUTOTRAINER β1, β3). */
export const VANISHING_RATIO = 1e-3;
export const VANISHING_NORM = 1e-4;
export const EXPLODING_RATIO = 70;
/** Inputs beyond this magnitude are called unnormalised. */
export const INPUT_MAGNITUDE = 10;
/** A batch of one class says the data is ordered by class only when it holds at least this many samples. */
const ONE_CLASS_SAMPLES = 8;
/** Two runs whose final losses differ by less than this fraction ended in the same place. */
const SAME_LOSS = 0.05;

export interface Controls {
  /** The same run with the learning rate divided by 10. */
  readonly lowerRate?: RunOutcome;
  /** The same run with the learning rate multiplied by 10. */
  readonly higherRate?: RunOutcome;
  /** The same run with every input set to zero. */
  readonly zeroInputs?: RunOutcome;
  readonly learningRate?: number;
  /** The trained model gives the same output for every sample of the batch. */
  readonly constantOutput?: boolean;
}

export interface DataFacts {
  readonly source: 'captured' | 'code' | 'synthetic';
  readonly inputMax: number;
  readonly inputHasNonFinite: boolean;
  readonly inputsAreIntegers: boolean;
  /** Inputs that feed an Embedding layer hold ids, so their size says nothing. */
  readonly inputsAreIds: boolean;
  readonly classCounts?: readonly number[];
  /** For each output whose activation bounds its values: the label range that falls outside. */
  readonly labelsOutOfRange: readonly { output: string; activation: string; min: number; max: number; range: string }[];
  readonly kinds: readonly LabelKind[];
}

function format(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value !== 0 && (Math.abs(value) < 1e-3 || Math.abs(value) >= 1e4)) return value.toExponential(1);
  return Number(value.toPrecision(3)).toString();
}

/**
 * Whether the loss was still falling steadily when the run ended: down by a fifth overall and by a
 * tenth over the second half. Such a model is slow, not broken.
 */
export function stillLearning(run: RunOutcome): boolean {
  const losses = run.losses;
  if (run.stop !== 'budget' || losses.length < 20 || !losses.every(Number.isFinite)) return false;
  const mean = (from: number, to: number) => {
    const part = losses.slice(from, to);
    return part.reduce((a, b) => a + b, 0) / part.length;
  };
  const window = Math.max(5, Math.floor(losses.length / 10));
  const middle = Math.floor(losses.length / 2);
  const end = mean(losses.length - window, losses.length);
  return end <= 0.8 * losses[0]! && end <= 0.9 * mean(middle - Math.floor(window / 2), middle + Math.ceil(window / 2));
}

/**
 * Why a run that ended still learning, with nothing wrong found, is no verdict: slow progress is no
 * sign of a bug, but a model that has not learned the batch has not shown that it can. The step
 * budget it suggests is a round figure a few times the run's, enough for a loss falling as steadily.
 */
export function stillLearningInconclusive(run: RunOutcome): { reason: 'too-few-steps'; message: string } {
  const steps = run.losses.length;
  const suggested = roundUp(4 * steps);
  return {
    reason: 'too-few-steps',
    message: `The loss was still falling steadily when the run ended after ${steps} steps (from ${format(run.losses[0]!)} to ${format(finalLoss(run))}), but the model had not learned the batch yet: slow progress is no sign of a bug, and no proof that the model can learn the batch either. Run the check with a larger step budget, such as ${suggested} steps (--steps, or the tfjsDoctor.overfit.steps setting).`,
  };
}

/** The value rounded up to one or two significant digits: 4800 → 5000, 1240 → 1300. */
function roundUp(value: number): number {
  const unit = 10 ** Math.max(0, Math.floor(Math.log10(value)) - 1);
  return Math.ceil(value / unit) * unit;
}

function finalLoss(run: RunOutcome): number {
  return run.losses.at(-1) ?? Number.NaN;
}

function drop(run: RunOutcome): number {
  const first = run.losses[0] ?? Number.NaN;
  return first > 0 ? 1 - finalLoss(run) / first : 0;
}

function sameEnd(a: RunOutcome, b: RunOutcome): boolean {
  const x = finalLoss(a);
  const y = finalLoss(b);
  return Number.isFinite(x) && Number.isFinite(y) && Math.abs(x - y) <= SAME_LOSS * Math.max(Math.abs(x), Math.abs(y), 1e-8);
}

/** Causes found in the data alone; reported whatever the verdict. */
export function dataCauses(facts: DataFacts): Cause[] {
  const causes: Cause[] = [];
  if (facts.inputHasNonFinite) {
    causes.push({ id: 'nan-or-inf', severity: 'error', message: 'The input batch contains NaN or Infinity; every loss and weight it touches becomes NaN. Clean the data before training.' });
  }
  for (const problem of facts.labelsOutOfRange) {
    causes.push({
      id: 'labels-out-of-range',
      severity: 'error',
      message: `The labels of output ${problem.output} run from ${format(problem.min)} to ${format(problem.max)}, but its ${problem.activation} activation only produces values in ${problem.range}, so the loss cannot reach zero. Scale the labels or change the output activation.`,
    });
  }
  const counts = facts.classCounts?.filter((count) => count > 0) ?? [];
  const samples = counts.reduce((a, b) => a + b, 0);
  if (facts.source !== 'synthetic' && facts.classCounts && counts.length === 1 && samples >= ONE_CLASS_SAMPLES) {
    causes.push({
      id: 'single-class-batch',
      severity: 'warning',
      message: `Every sample of the first batch belongs to one class (class ${facts.classCounts.findIndex((count) => count > 0)}). The data is probably ordered by class: shuffle it before batching and before any validation split, or the model learns one class at a time.`,
    });
  }
  if (!facts.inputsAreIds && facts.inputMax > INPUT_MAGNITUDE) {
    causes.push({
      id: 'unnormalized-input',
      severity: 'warning',
      message: `Input values reach ${format(facts.inputMax)}${facts.inputsAreIntegers ? ' and are all whole numbers' : ''}. Inputs this large saturate the first layer and make its gradients huge; scale them to about [-1, 1] (for pixels, divide by 255).`,
    });
  }
  return causes;
}

function nonFiniteCause(run: RunOutcome): Cause {
  const step = run.losses.findIndex((loss) => !Number.isFinite(loss));
  return {
    id: 'nan-or-inf',
    severity: 'error',
    message: `The loss became ${run.losses[step]} at step ${step + 1}. Something overflows: a learning rate that is too high, a log or division of zero, or unscaled inputs.`,
  };
}

/** Causes of a failed run, most likely first. */
export function runCauses(main: RunOutcome, controls: Controls, layers: readonly LayerEvidence[], explained = false): Cause[] {
  const causes: Cause[] = [];
  const rate = controls.learningRate;
  const lowerWorked = controls.lowerRate && (controls.lowerRate.stop === 'fitted' || (Number.isFinite(finalLoss(controls.lowerRate)) && finalLoss(controls.lowerRate) < 0.5 * finalLoss(main)));
  const higherWorked = controls.higherRate && (controls.higherRate.stop === 'fitted' || finalLoss(controls.higherRate) < 0.5 * finalLoss(main));

  if (main.stop === 'non-finite') causes.push(nonFiniteCause(main));
  if (main.stop === 'diverged' || (Number.isFinite(finalLoss(main)) && finalLoss(main) > 1.5 * (main.losses[0] ?? Number.POSITIVE_INFINITY))) {
    causes.push({
      id: 'diverging-loss',
      severity: 'error',
      message: `The loss grew from ${format(main.losses[0]!)} to ${format(Math.max(...main.losses.filter(Number.isFinite)))} instead of falling.`,
    });
  }
  if (lowerWorked && rate !== undefined) {
    causes.push({
      id: 'learning-rate-too-high',
      severity: 'error',
      message: `With the learning rate at ${format(rate / 10)} instead of ${format(rate)} the model ${controls.lowerRate!.stop === 'fitted' ? 'learns the batch' : `gets the loss down to ${format(finalLoss(controls.lowerRate!))}`}. Lower the learning rate.`,
    });
  } else if (higherWorked && rate !== undefined) {
    causes.push({
      id: 'learning-rate-too-low',
      severity: stillLearning(main) ? 'info' : 'warning',
      message: `With the learning rate at ${format(rate * 10)} instead of ${format(rate)} the model ${controls.higherRate!.stop === 'fitted' ? 'learns the batch' : `gets the loss down to ${format(finalLoss(controls.higherRate!))}`}. Raise the learning rate.`,
    });
  }

  const dead = layers.filter((layer) => layer.deadFraction !== undefined && layer.deadFraction >= DEAD_RELU_FRACTION);
  if (dead.length > 0) {
    const worst = dead.reduce((a, b) => (b.deadFraction! > a.deadFraction! ? b : a));
    causes.push({
      id: 'dead-relu',
      severity: 'error',
      message: `${Math.round(worst.deadFraction! * 100)} % of the units of ${worst.name} output 0 for every sample, so no gradient passes through them${dead.length > 1 ? ` (${dead.length} ReLU layers are mostly dead)` : ''}. Check the initialisation (zeros or negative biases), lower the learning rate, or use leakyReLU or ELU.`,
    });
  }

  const withGradients = layers.filter((layer) => Number.isFinite(layer.gradNorm));
  if (withGradients.length >= 2) {
    const first = withGradients[0]!;
    const last = withGradients[withGradients.length - 1]!;
    const ratio = last.gradNorm > 0 ? first.gradNorm / last.gradNorm : Number.NaN;
    // Dead units stop gradients too; that is the better explanation when the first layer is dead.
    const firstIsDead = dead.some((layer) => layer.name === first.name);
    if (ratio < VANISHING_RATIO && first.gradNorm < VANISHING_NORM && !firstIsDead) {
      causes.push({
        id: 'vanishing-gradient',
        severity: 'error',
        message: `The gradient reaching ${first.name} is ${format(ratio)} times the one at ${last.name} (norm ${format(first.gradNorm)}), so the first layers barely train. Use ReLU-family activations with He initialisation, add batch normalisation, or make the network shallower.`,
      });
    } else if (ratio > EXPLODING_RATIO) {
      causes.push({
        id: 'exploding-gradient',
        severity: 'error',
        message: `The gradient at ${first.name} is ${format(ratio)} times the one at ${last.name}, so the first layers take huge steps. Lower the learning rate, clip gradients (clipNorm on the optimizer), or add batch normalisation.`,
      });
    }
  }
  if (layers.some((layer) => !Number.isFinite(layer.gradNorm)) && main.stop !== 'non-finite') {
    causes.push({ id: 'exploding-gradient', severity: 'error', message: 'Some gradients are NaN or Infinity, so the weights they update are lost.' });
  }

  const flat = main.losses.length > 1 && main.losses.every((loss) => loss === main.losses[0]);
  const noGradient = layers.length > 0 && layers.every((layer) => layer.gradNorm === 0);
  if (flat && noGradient) {
    causes.push({
      id: 'loss-not-decreasing',
      severity: 'error',
      message: `The loss stayed at exactly ${format(main.losses[0]!)} for ${main.losses.length} steps: every gradient is 0, so the weights never change. The output does not depend on the weights (softmax over a single unit always gives 1, for example), or every path to them is cut.`,
    });
  }
  // Zero inputs reaching the same loss, or one output for every sample: the input does not matter.
  const zeroSame = controls.zeroInputs !== undefined && main.stop !== 'non-finite' && sameEnd(main, controls.zeroInputs);
  if (zeroSame && (controls.constantOutput || drop(main) >= 0.05)) {
    causes.push({
      id: 'input-ignored',
      severity: 'error',
      message: controls.constantOutput
        ? `The model gives the same output for every sample, and trained on all-zero inputs it ends at the same loss (${format(finalLoss(controls.zeroInputs!))}), so the input does not reach the output. Check for a frozen or zero-weight layer, a detached branch, or an activation that makes the output constant.`
        : `Trained on all-zero inputs, the model ends at the same loss (${format(finalLoss(controls.zeroInputs!))} against ${format(finalLoss(main))}), so its output does not depend on the input. Check how the input reaches the layers: a frozen or zero-weight first layer, a detached branch, or inputs that are constant.`,
    });
  }

  if (causes.length === 0 && !explained && !stillLearning(main)) {
    causes.push({
      id: 'loss-not-decreasing',
      severity: 'error',
      message: `In ${main.losses.length} steps the loss only went from ${format(main.losses[0]!)} to ${format(finalLoss(main))} (${format(Math.max(drop(main), 0) * 100)} % lower). Check that the output activation, the loss and the labels match, and that the layers are trainable.`,
    });
  }
  return causes;
}

const SEVERITY_RANK: Readonly<Record<Cause['severity'], number>> = { error: 0, warning: 1, info: 2 };

/** Most severe first; within a severity, the order they were found in. */
export function rankCauses(causes: readonly Cause[]): Cause[] {
  return causes
    .map((cause, index) => ({ cause, index }))
    .sort((a, b) => SEVERITY_RANK[a.cause.severity] - SEVERITY_RANK[b.cause.severity] || a.index - b.index)
    .map(({ cause }) => cause);
}

/**
 * A result with the linter's findings on the model that was checked, ranked with the runtime causes:
 * they may explain a failure or what kept the run from a verdict. A pass needs no explanation.
 */
export function withCodeCauses(result: OverfitResult, causes: readonly Cause[]): OverfitResult {
  if (result.verdict === 'pass' || causes.length === 0) return result;
  const known = new Set(result.causes.map(causeKey));
  const added = causes.filter((cause) => !known.has(causeKey(cause)));
  return added.length === 0 ? result : { ...result, causes: rankCauses([...added, ...result.causes]) };
}

function causeKey(cause: Cause): string {
  return `${cause.id}:${cause.file ?? ''}:${cause.line ?? ''}`;
}
