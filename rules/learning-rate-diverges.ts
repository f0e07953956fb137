import { isNumberLiteralAt } from './core/edits';
import { formatNumber } from './core/facts';
import { defineRule, type FixProposal } from './core/rule';
import { spanKey } from './core/span';
import { sgdLearningRate, stabilityBound } from './core/stability';

type MessageId = 'diverges' | 'useStable' | 'inputsHere';

/** Rates below this make plain gradient descent crawl (learning-rate-out-of-range calls them too low). */
const MIN_USEFUL_RATE = 1e-6;

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
      for (const fit of model.fits) {
        const optimizer = fit.compile ? sgdLearningRate(fit.compile) : undefined;
        const found = optimizer ? stabilityBound(model, fit) : undefined;
        if (!optimizer || !found || optimizer.rate <= found.bound || seen.has(spanKey(optimizer.span))) continue;
        seen.add(spanKey(optimizer.span));
        const stable = stableRate(found.bound);
        // A stable rate below what the optimizer can make progress with is no repair: scale the inputs.
        const offer = optimizer.literal && Number(stable) >= MIN_USEFUL_RATE && isNumberLiteralAt(context.text(optimizer.span.file), optimizer.span);
        const suggestions: FixProposal<MessageId>[] = offer ? [{ messageId: 'useStable', data: { rate: stable }, edits: [{ span: optimizer.span, text: stable }] }] : [];
        context.report({
          messageId: 'diverges',
          data: { bound: formatNumber(found.bound), rate: formatNumber(optimizer.rate) },
          span: optimizer.span,
          related: [{ span: found.inputs.origin, message: rule.meta.messages.inputsHere }],
          suggestions,
        });
      }
    }
  },
});

export default rule;
