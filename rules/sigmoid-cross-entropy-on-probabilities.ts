import { crossEntropyOnProbabilities } from './core/cross-entropy';
import { defineRule } from './core/rule';

type MessageId = 'probabilities' | 'passLogits' | 'computedHere';

const rule = defineRule<MessageId>({
  meta: {
    id: 'sigmoid-cross-entropy-on-probabilities',
    category: 'loss-and-output',
    severity: 'error',
    description: 'tf.losses.sigmoidCrossEntropy given probabilities instead of logits',
    messages: {
      probabilities:
        'tf.losses.sigmoidCrossEntropy expects logits, but it is given {{what}}. It applies the sigmoid itself and expects raw scores. A sigmoid of values already in (0, 1) stays between 0.5 and 0.73, so the loss can never approach zero and the gradient is weak. Pass the logits.',
      passLogits: 'Pass the logits (drop the sigmoid)',
      computedHere: 'the probabilities are computed here',
    },
    fix: 'safe',
  },
  check(context) {
    crossEntropyOnProbabilities(context, 'losses.sigmoidCrossEntropy', 'sigmoid', (report) =>
      context.report({
        messageId: 'probabilities',
        data: { what: report.what },
        span: report.span,
        related: [{ span: report.source, message: rule.meta.messages.computedHere }],
        ...(report.edit ? { fix: { messageId: 'passLogits' as const, edits: [report.edit] } } : {}),
      }),
    );
  },
});

export default rule;
