/**
 * Questions data rules ask about training data, answered from the tensor facts (rules/core/facts.ts):
 * never from the code's shape, so that data made by any chain of operations is seen the same way.
 */
import { closed, factsOf, finiteMagnitude, isUnbounded, type Interval, type TensorFacts } from './facts';
import type { ModelNode } from './graph';
import type { Value } from './values';

/**
 * Whether training labels are known to be class labels: every value 0 or 1 (one-hot, multi-hot or
 * binary labels). Undefined when the labels' values are not known.
 */
export function labelsAreClasses(labels: Value | undefined): boolean | undefined {
  const distinct = factsOf(labels)?.distinct;
  if (!distinct) return undefined;
  return distinct.every((value) => value === 0 || value === 1);
}

/** Whether any `fit` of the model is known to train it on class labels. */
export function trainedOnClasses(model: ModelNode): boolean {
  return model.fits.some((fit) => labelsAreClasses(fit.y) === true);
}

/** Whether any `fit` trains the model to reproduce its inputs (an autoencoder). */
export function trainedToReconstructInputs(model: ModelNode): boolean {
  return model.fits.some((fit) => fit.y !== undefined && fit.y === fit.x);
}

/**
 * The interval a tensor's values lie in: known from its facts, or, for values scaled by one of the
 * usual normalisations of unknown data, the interval that normalisation aims at. Undefined when
 * neither says anything.
 */
export function expectedRange(value: Value | undefined): Interval | undefined {
  const facts = factsOf(value);
  if (!facts) return undefined;
  if (!isUnbounded(facts.range)) return facts.range;
  switch (facts.normalised?.kind) {
    case 'unit':
      return closed(0, 1);
    case 'symmetric':
      return closed(-1, 1);
    default:
      return undefined;
  }
}

/** The interval the values of a tensor are known to lie in; undefined when it is not bounded on either side. */
export function knownRange(value: Value | undefined): Interval | undefined {
  const facts = factsOf(value);
  return facts && !isUnbounded(facts.range) ? facts.range : undefined;
}

/** The largest absolute value a tensor is known to reach, when both ends of its range are known. */
export function knownMagnitude(value: Value | undefined): number | undefined {
  const facts = factsOf(value);
  return facts ? finiteMagnitude(facts.range) : undefined;
}

/** Whether the facts come straight from an image decoder: whole-number pixels from 0 to 255. */
export function isRawPixels(facts: TensorFacts): boolean {
  return facts.what?.startsWith('pixels from') === true && facts.range.lo >= 0 && facts.range.hi === 255 && facts.integer;
}

/**
 * Whether labels are known to be one class index per sample: whole numbers, one per row (a vector,
 * or a single column), typed int32 or with more than the two values of binary labels.
 */
export function classIndexLabels(labels: Value | undefined): boolean {
  const facts = factsOf(labels);
  if (!facts?.integer || !facts.shape) return false;
  const perRow = facts.shape.length === 1 || (facts.shape.length === 2 && facts.shape[1] === 1);
  return perRow && (facts.dtype === 'int32' || (facts.range.hi > 1 && facts.range.lo >= 0));
}

/** Operations that keep a tensor's values as they are (a change of type). */
const SAME_VALUES = new Set(['cast', 'toFloat', 'asType', 'clone']);

/** Whether the value is what `tf.oneHot(ids, depth)` makes, with its ones and zeros (not smoothed labels), as it is or of another type. */
function madeByOneHot(value: Value | undefined, depth = 0): boolean {
  if (value?.kind !== 'tensor' || depth > 8) return false;
  if (SAME_VALUES.has(value.op)) return madeByOneHot(value.args[0], depth + 1);
  const [, , on, off] = value.args;
  const is = (arg: Value | undefined, expected: number) => arg === undefined || (arg.kind === 'primitive' && (arg.value === undefined || arg.value === expected));
  return value.op === 'oneHot' && is(on, 1) && is(off, 0);
}

/**
 * Whether labels are known to be one-hot rows: a matrix of zeros and ones with more than one column
 * and exactly one 1 per row (checked on the values when they are known).
 */
export function oneHotLabels(labels: Value | undefined): boolean {
  if (madeByOneHot(labels)) return true;
  const facts = factsOf(labels);
  const width = facts?.shape?.length === 2 ? facts.shape[1] : undefined;
  if (!facts?.values || width === undefined || width < 2) return false;
  for (let row = 0; row * width < facts.values.length; row++) {
    const cells = facts.values.slice(row * width, (row + 1) * width);
    if (cells.some((cell) => cell !== 0 && cell !== 1) || cells.filter((cell) => cell === 1).length !== 1) return false;
  }
  return true;
}
