import type { ModelNode } from './graph';
import type { Value } from './values';

/** Every leaf of a nested array literal, or undefined when some part is not known. */
export function numericLeaves(value: Value, limit = 100_000): number[] | undefined {
  const leaves: number[] = [];
  const visit = (current: Value): boolean => {
    if (leaves.length > limit) return false;
    if (current.kind === 'array') return current.complete && current.elements.every(visit);
    if (current.kind === 'primitive' && typeof current.value === 'number') {
      leaves.push(current.value);
      return true;
    }
    return false;
  };
  return visit(value) ? leaves : undefined;
}

const TENSOR_FACTORIES = new Set(['tensor', 'tensor1d', 'tensor2d', 'tensor3d', 'tensor4d']);

/**
 * Whether training labels are known to be class labels: one-hot encoded, or literal data made only of
 * 0 and 1. Undefined when the labels are not known.
 */
export function labelsAreClasses(labels: Value | undefined): boolean | undefined {
  if (!labels || labels.kind !== 'tensor') return undefined;
  if (labels.op === 'oneHot') return true;
  if (TENSOR_FACTORIES.has(labels.op)) {
    const data = labels.args[0];
    const leaves = data ? numericLeaves(data) : undefined;
    if (!leaves || leaves.length === 0) return undefined;
    return leaves.every((leaf) => leaf === 0 || leaf === 1);
  }
  return undefined;
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
 * The range training targets are known to lie in: literal data, or values divided by 255 (the
 * universal way of scaling pixels to [0, 1]). Undefined when not known.
 */
export function targetRange(targets: Value | undefined): readonly [number, number] | undefined {
  if (!targets || targets.kind !== 'tensor') return undefined;
  if (TENSOR_FACTORIES.has(targets.op)) {
    const leaves = targets.args[0] ? numericLeaves(targets.args[0]) : undefined;
    if (!leaves || leaves.length === 0) return undefined;
    return [Math.min(...leaves), Math.max(...leaves)];
  }
  if (targets.op === 'div') {
    const divisor = targets.args[1];
    const value = divisor?.kind === 'primitive' ? divisor.value : divisor?.kind === 'tensor' && divisor.op === 'scalar' && divisor.args[0]?.kind === 'primitive' ? divisor.args[0].value : undefined;
    if (value === 255) return [0, 1];
  }
  return undefined;
}
