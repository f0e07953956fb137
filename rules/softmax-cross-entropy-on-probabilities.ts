import { crossEntropyOnProbabilities } from './core/cross-entropy';
import { defineRule } from './core/rule';

type MessageId = 'probabilities' | 'passLogits' | 'computedHere';

const rule = defineRule<MessageId>({
  meta: {
    id: 'softmax-cross-entropy-on-probabilities',
    category: 'loss-and-output',
    severity: 'error',
    description: 'tf.losses.softmaxCrossEntropy given probabilities instead of logits',
    messages: {
      probabilities:
        'tf.losses.softmaxCrossEntropy expects logits, but it is given {{what}}. It applies softmax itself and expects raw scores. Softmax of probabilities is nearly uniform, so the loss hardly changes with the weights and the model learns very slowly. Pass the logits.',
      passLogits: 'Pass the logits (drop the softmax)',
      computedHere: 'the probabilities are computed here',
    },
    fix: 'safe',
  },
  check(context) {
    crossEntropyOnProbabilities(context, 'losses.softmaxCrossEntropy', 'softmax', (report) =>
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
