import { configEntry } from './core/config';
import { isNumberLiteralAt } from './core/edits';
import { factsOf, formatNumber } from './core/facts';
import type { CompileNode, LayerNode, ModelNode } from './core/graph';
import { gram, largestEigenvalue } from './core/linear-algebra';
import { lossForOutput } from './core/model';
import { defineRule, type FixProposal } from './core/rule';
import { spanKey, type Span } from './core/span';
import { OPTIMIZER_STRING_LEARNING_RATES } from './core/tfjs';

type MessageId = 'diverges' | 'useStable' | 'inputsHere';

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

/** A round learning rate safely below the bound: half of it, to one significant digit. */
function stableRate(bound: number): string {
  const half = bound / 2;
  const magnitude = 10 ** Math.floor(Math.log10(half));
  return formatNumber(Math.floor(half / magnitude) * magnitude);
}

const rule = defineRule<MessageId>({
  meta: {
    id: 'learning-rate-diverges',
    category: 'optimizer',
    severity: 'error',
    description: 'A plain gradient descent step too large for the known data of a linear model',
    messages: {
      diverges:
        'Gradient descent diverges here: on these inputs, the mean squared error of this linear layer blows up for learning rates above {{bound}}, and this one is {{rate}}. Each step overshoots further than the last, so the loss grows to Infinity and then NaN. Scale the inputs (features of order 1 allow rates near 0.1), or lower the learning rate below {{bound}}.',
      useStable: 'Use a learning rate of {{rate}}',
      inputsHere: 'the inputs are made here',
    },
    fix: 'suggestion',
    options: {},
  },
  check(context) {
    const seen = new Set<string>();
    for (const model of context.graph.models) {
      const linear = singleLinearDense(model);
      if (!linear) continue;
      for (const fit of model.fits) {
        if (!fit.compile || fit.method === 'fitDataset') continue;
        const loss = lossForOutput(fit.compile, 0, undefined);
        if (!loss.known || loss.form !== 'string' || loss.name !== 'meanSquaredError') continue;
        const optimizer = sgdLearningRate(fit.compile);
        const facts = factsOf(fit.x);
        const shape = facts?.shape;
        if (!optimizer || !facts?.values || shape?.length !== 2 || shape[0] === undefined || shape[1] === undefined || seen.has(spanKey(optimizer.span))) continue;
        const bound = divergenceBound(facts.values, shape[0], shape[1], linear.bias, linear.units);
        if (bound === undefined || optimizer.rate <= bound) continue;
        seen.add(spanKey(optimizer.span));
        const stable = stableRate(bound);
        const suggestions: FixProposal<MessageId>[] =
          optimizer.literal && isNumberLiteralAt(context.text(optimizer.span.file), optimizer.span) ? [{ messageId: 'useStable', data: { rate: stable }, edits: [{ span: optimizer.span, text: stable }] }] : [];
        context.report({
          messageId: 'diverges',
          data: { bound: formatNumber(bound), rate: formatNumber(optimizer.rate) },
          span: optimizer.span,
          related: [{ span: facts.origin, message: rule.meta.messages.inputsHere }],
          suggestions,
        });
      }
    }
  },
});

export default rule;
