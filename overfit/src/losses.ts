/** What a loss expects as labels, which decides the synthetic labels and what "overfit" means. */
import type { LayersModel } from './tf';

export type LabelKind =
  /** One-hot rows: categorical cross-entropy, categorical hinge. */
  | 'one-hot'
  /** Class ids: sparse categorical cross-entropy. */
  | 'class-ids'
  /** 0/1 per unit: binary cross-entropy (one label or several). */
  | 'binary'
  /** -1/+1 per unit: hinge and squared hinge. */
  | 'signs'
  /** Real numbers. */
  | 'real'
  /** Positive real numbers (percentage and logarithmic errors, Poisson). */
  | 'positive'
  /** Probability distributions (Kullback-Leibler divergence). */
  | 'distribution'
  /** A loss this engine does not know: only captured labels can be used. */
  | 'unknown';

const BY_NAME: Readonly<Record<string, LabelKind>> = {
  categoricalCrossentropy: 'one-hot',
  softmaxCrossEntropy: 'one-hot',
  categoricalHinge: 'one-hot',
  sparseCategoricalCrossentropy: 'class-ids',
  binaryCrossentropy: 'binary',
  sigmoidCrossEntropy: 'binary',
  logLoss: 'binary',
  hingeLoss: 'binary',
  hinge: 'signs',
  squaredHinge: 'signs',
  meanSquaredError: 'real',
  meanAbsoluteError: 'real',
  huberLoss: 'real',
  logcosh: 'real',
  absoluteDifference: 'real',
  cosineProximity: 'real',
  cosineDistance: 'real',
  meanAbsolutePercentageError: 'positive',
  meanSquaredLogarithmicError: 'positive',
  poisson: 'positive',
  kullbackLeiblerDivergence: 'distribution',
};

/**
 * The label kind synthetic labels take for a loss this engine does not know (a function of the
 * code): what the output's activation suggests, with the words that say so.
 */
export function standInLabelKind(activation: string | undefined, units: number): { kind: LabelKind; labels: string; why: string } {
  if (activation === 'softmax' && units > 1) return { kind: 'one-hot', labels: 'one-hot classes', why: 'its softmax output' };
  if (activation === 'sigmoid' || activation === 'hardSigmoid') return { kind: 'binary', labels: '0/1 labels', why: `its ${activation} output` };
  return { kind: 'real', labels: 'real values in the output activation\'s range', why: activation && activation !== 'linear' ? `its ${activation} output` : 'its linear output' };
}

/** The name tfjs gives a loss function: `sigmoidCrossEntropy__op` for ops, the plain name for the layers' losses. */
function functionLossName(fn: { name?: string }): string | undefined {
  const name = fn.name?.replace(/__op$/, '').replace(/_$/, '');
  return name && name in BY_NAME ? name : undefined;
}

export function labelKindOf(lossName: string | undefined): LabelKind {
  return (lossName && BY_NAME[lossName]) || 'unknown';
}

export function isClassification(kind: LabelKind): boolean {
  return kind === 'one-hot' || kind === 'class-ids' || kind === 'binary' || kind === 'signs';
}

/** The name of the loss of each output of a compiled model (undefined for custom functions). */
export function outputLossNames(model: LayersModel): (string | undefined)[] {
  const loss = (model as unknown as { loss: unknown }).loss;
  const names = model.outputNames;
  const nameOf = (value: unknown): string | undefined => {
    if (typeof value === 'string') return value;
    if (typeof value === 'function') return functionLossName(value);
    return undefined;
  };
  return names.map((outputName, index) => {
    if (Array.isArray(loss)) return nameOf(loss[index]);
    if (loss && typeof loss === 'object') return nameOf((loss as Record<string, unknown>)[outputName]);
    return nameOf(loss);
  });
}

/**
 * The loss the check trains with in place of one of the code that it does not run or that the code
 * never gives: the standard loss for the output's activation, with the reason for the notes.
 */
export function standInLoss(activation: string | undefined, units: number | undefined): { loss: string; why: string } {
  if (activation === 'softmax' && units !== 1) return { loss: 'categoricalCrossentropy', why: 'its softmax output' };
  if (activation === 'sigmoid' || activation === 'hardSigmoid') return { loss: 'binaryCrossentropy', why: `its ${activation} output` };
  return { loss: 'meanSquaredError', why: activation && activation !== 'linear' ? `its ${activation} output` : 'its linear output' };
}
