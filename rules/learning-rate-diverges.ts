import { divergenceBounds } from './core/divergence';
import { isNumberLiteralAt } from './core/edits';
import { formatNumber } from './core/facts';
import { defineRule, type FixProposal } from './core/rule';
import { LOWEST_USEFUL_LEARNING_RATE } from './core/tfjs';

type MessageId = 'diverges' | 'useStable' | 'inputsHere';

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
        'The learning rate {{rate}} makes this training diverge. On these inputs, the mean squared error of this linear layer blows up for learning rates above {{bound}}, and this one is {{rate}}. Each step overshoots further than the last, so the loss grows to Infinity and then NaN. Scale the inputs (features of order 1 allow rates near 0.1), or lower the learning rate below {{bound}}.',
      useStable: 'Use a learning rate of {{rate}}',
      inputsHere: 'the inputs are made here',
    },
    fix: 'suggestion',
  },
  check(context) {
    for (const found of divergenceBounds(context.graph.models)) {
      if (found.rate <= found.bound) continue;
      const stable = stableRate(found.bound);
      // A rate below what still trains in reasonable time is no repair: the inputs need scaling.
      const useful = Number(stable) >= LOWEST_USEFUL_LEARNING_RATE;
      const suggestions: FixProposal<MessageId>[] =
        useful && found.literal && isNumberLiteralAt(context.text(found.span.file), found.span) ? [{ messageId: 'useStable', data: { rate: stable }, edits: [{ span: found.span, text: stable }] }] : [];
      context.report({
        messageId: 'diverges',
        data: { bound: formatNumber(found.bound), rate: formatNumber(found.rate) },
        span: found.span,
        related: [{ span: found.inputs, message: rule.meta.messages.inputsHere }],
        suggestions,
      });
    }
  },
});

export default rule;
