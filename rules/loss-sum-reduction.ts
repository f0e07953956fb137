import { spanText } from './core/edits';
import { defineRule } from './core/rule';

type MessageId = 'sum' | 'useMean';

const rule = defineRule<MessageId>({
  meta: {
    id: 'loss-sum-reduction',
    category: 'loss-and-output',
    severity: 'info',
    description: 'A tf.losses function reduced with a sum over the batch',
    messages: {
      sum: 'Reduction.SUM ties the learning rate to the batch size. The loss and its gradient grow with the batch size: changing the batch size silently changes the effective learning rate, and large batches can diverge. The mean keeps the scale independent of the batch size.',
      useMean: 'Average over the batch (Reduction.MEAN)',
    },
    fix: 'suggestion',
  },
  check(context) {
    for (const tensor of context.graph.tensors) {
      if (!tensor.op.startsWith('losses.')) continue;
      tensor.args.forEach((arg, index) => {
        const span = tensor.argSpans[index];
        if (arg.kind !== 'tf' || arg.path !== 'Reduction.SUM' || !span) return;
        const text = spanText(context.text(span.file), span);
        const edits = text.endsWith('.SUM') ? [{ span: { ...span, start: span.end - 3 }, text: 'MEAN' }] : [];
        context.report({ messageId: 'sum', span, suggestions: edits.length > 0 ? [{ messageId: 'useMean', edits }] : [] });
      });
    }
  },
});

export default rule;
