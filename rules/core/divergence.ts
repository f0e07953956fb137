import { configEntry } from './config';
import { factsOf } from './facts';
import type { CompileNode, FitNode, LayerNode, ModelNode } from './graph';
import { gram, largestEigenvalue } from './linear-algebra';
import { lossForOutput } from './model';
import { spanKey, type Span } from './span';
import { OPTIMIZER_STRING_LEARNING_RATES } from './tfjs';

/**
 * Where plain gradient descent must diverge: a linear model trained with the mean squared error on
 * inputs whose values are known, with a learning rate above the largest stable one.
 */

/** The only layer of a model that is one linear dense layer, with whether it has a bias. */
function singleLinearDense(model: ModelNode): { readonly layer: LayerNode; readonly bias: boolean; readonly units: number } | undefined {
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
function sgdLearningRate(compile: CompileNode): { readonly rate: number; readonly span: Span; readonly literal: boolean } | undefined {
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

export interface DivergenceBound {
  readonly fit: FitNode;
  /** The learning rate and where it is written (the literal of tf.train.sgd, or the 'sgd' string). */
  readonly rate: number;
  readonly span: Span;
  /** Whether the rate is a number written at `span` (that a fix can replace). */
  readonly literal: boolean;
  /** The largest learning rate for which gradient descent converges on these inputs. */
  readonly bound: number;
  /** Where the inputs are made. */
  readonly inputs: Span;
}

/** Each fit of a linear model with the mean squared error, plain gradient descent and known inputs, once per optimizer. */
export function divergenceBounds(models: readonly ModelNode[]): DivergenceBound[] {
  const found = new Map<string, DivergenceBound>();
  for (const model of models) {
    const linear = singleLinearDense(model);
    if (!linear) continue;
    for (const fit of model.fits) {
      if (!fit.compile || fit.method === 'fitDataset') continue;
      const loss = lossForOutput(fit.compile, 0, undefined);
      if (!loss.known || loss.form !== 'string' || loss.name !== 'meanSquaredError') continue;
      const optimizer = sgdLearningRate(fit.compile);
      const facts = factsOf(fit.x);
      const shape = facts?.shape;
      if (!optimizer || !facts?.values || shape?.length !== 2 || shape[0] === undefined || shape[1] === undefined || found.has(spanKey(optimizer.span))) continue;
      const bound = divergenceBound(facts.values, shape[0], shape[1], linear.bias, linear.units);
      if (bound !== undefined) found.set(spanKey(optimizer.span), { fit, ...optimizer, bound, inputs: facts.origin });
    }
  }
  return [...found.values()];
}
