/**
 * When plain gradient descent diverges: for a model that is one linear dense layer, trained on the
 * mean squared error of inputs whose values are known, the largest stable learning rate.
 */
import { configEntry } from './config';
import { factsOf, type TensorFacts } from './facts';
import type { CompileNode, FitNode, LayerNode, ModelNode } from './graph';
import { gram, largestEigenvalue } from './linear-algebra';
import { lossForOutput } from './model';
import type { Span } from './span';
import { OPTIMIZER_STRING_LEARNING_RATES } from './tfjs';
import type { Value } from './values';

/** The only layer of a model that is one linear dense layer, with whether it has a bias. */
export function singleLinearDense(model: ModelNode): { readonly layer: LayerNode; readonly bias: boolean; readonly units: number } | undefined {
  if (model.kind !== 'sequential' || model.slots.length !== 1 || model.incomplete.length > 0) return undefined;
  const layer = model.slots[0]!.layer;
  if (!layer || layer.factory !== 'dense') return undefined;
  const activation = configEntry(layer.config, 'activation');
  if (activation.state === 'unknown' || (activation.state === 'present' && !(activation.value.kind === 'primitive' && (activation.value.value === 'linear' || activation.value.value === undefined)))) return undefined;
  const units = configEntry(layer.config, 'units');
  if (units.state !== 'present' || units.value.kind !== 'primitive' || typeof units.value.value !== 'number') return undefined;
  const useBias = configEntry(layer.config, 'useBias');
  if (useBias.state === 'unknown' || (useBias.state === 'present' && useBias.value.kind !== 'primitive')) return undefined;
  return { layer, bias: useBias.state === 'absent' || (useBias.value.kind === 'primitive' && useBias.value.value !== false), units: units.value.value };
}

/** Plain gradient descent's learning rate, and where it is written. */
export function sgdLearningRate(compile: CompileNode): { readonly rate: number; readonly span: Span; readonly literal: boolean } | undefined {
  const entry = configEntry(compile.config, 'optimizer');
  if (entry.state !== 'present') return undefined;
  const value = entry.value;
  if (value.kind === 'primitive' && (value.value === 'sgd' || value.value === 'SGD')) {
    const span = entry.property.valueSpan ?? value.span;
    return span ? { rate: OPTIMIZER_STRING_LEARNING_RATES.sgd!, span, literal: false } : undefined;
  }
  if (value.kind === 'tfObject' && value.path === 'train.sgd') {
    const rate = value.args[0];
    const span = value.argSpans?.[0];
    return rate?.kind === 'primitive' && typeof rate.value === 'number' && span ? { rate: rate.value, span, literal: true } : undefined;
  }
  return undefined;
}

/**
 * The learning rate above which gradient descent on the mean squared error of a linear layer
 * diverges, for known inputs: 2 over the largest curvature of the loss. The loss averages over the n
 * samples and the k outputs, so its Hessian per output is (2 / (n k)) X̃ᵀX̃ (X̃ with a column of ones
 * for the bias), and the bound is n k / λmax(X̃ᵀX̃).
 */
function divergenceBound(inputs: readonly number[], rows: number, columns: number, bias: boolean, units: number): number | undefined {
  const width = columns + (bias ? 1 : 0);
  const design = bias ? Array.from({ length: rows * width }, (_, index) => (index % width === columns ? 1 : inputs[Math.floor(index / width) * columns + (index % width)]!)) : inputs;
  const curvature = largestEigenvalue(gram(design, rows, width));
  return curvature > 0 && Number.isFinite(curvature) ? (rows * units) / curvature : undefined;
}

/** The stability bound of one fit of a model, with the inputs it is computed from. */
export interface StabilityBound {
  readonly bound: number;
  readonly inputs: TensorFacts;
}

/**
 * The learning rate above which plain gradient descent diverges on this fit, when the model is one
 * linear dense layer, the loss the mean squared error and the inputs known; undefined otherwise.
 */
export function stabilityBound(model: ModelNode, fit: FitNode): StabilityBound | undefined {
  const linear = singleLinearDense(model);
  if (!linear || !fit.compile || fit.method === 'fitDataset') return undefined;
  const loss = lossForOutput(fit.compile, 0, undefined);
  if (!loss.known || loss.form !== 'string' || loss.name !== 'meanSquaredError') return undefined;
  const facts = factsOf(fit.x);
  const shape = facts?.shape;
  if (!facts?.values || shape?.length !== 2 || shape[0] === undefined || shape[1] === undefined) return undefined;
  const bound = divergenceBound(facts.values, shape[0], shape[1], linear.bias, linear.units);
  return bound !== undefined ? { bound, inputs: facts } : undefined;
}

/** The stability bound of the fits that train with `optimizer` (an optimizer object given to compile). */
export function stabilityBoundOfOptimizer(models: readonly ModelNode[], optimizer: Value): number | undefined {
  const bounds: number[] = [];
  for (const model of models) {
    for (const fit of model.fits) {
      const entry = fit.compile ? configEntry(fit.compile.config, 'optimizer') : undefined;
      if (entry?.state !== 'present' || entry.value !== optimizer) continue;
      const found = stabilityBound(model, fit);
      if (found) bounds.push(found.bound);
    }
  }
  return bounds.length > 0 ? Math.min(...bounds) : undefined;
}
