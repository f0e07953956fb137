import { spanText } from './core/edits';
import { defineRule } from './core/rule';
import { spanKey } from './core/span';
import { tensorMeaning } from './core/tensors';

type MessageId = 'logOfProbabilities' | 'logOfScores' | 'clip' | 'computedHere';

/** Wraps an expression for a method call on it. */
function receiver(expression: string): string {
  return /^[\w$.]+(\([^()]*\))?$/.test(expression.trim()) ? expression : `(${expression})`;
}

const rule = defineRule<MessageId>({
  meta: {
    id: 'log-without-epsilon',
    category: 'loss-and-output',
    severity: 'warning',
    description: 'The logarithm of probabilities or scores that can reach zero or go below it',
    messages: {
      logOfProbabilities:
        'This takes the log of {{what}}, which can round to exactly 0 in 32-bit floats when the model is confident. log(0) is -Infinity, and one such value turns the loss and then every weight into NaN. Clip the probabilities away from 0 first.',
      logOfScores: 'This takes the log of {{what}}, which can be zero or negative: log gives -Infinity or NaN there, and NaN spreads to the loss and the weights.',
      clip: 'Clip the probabilities to [1e-7, 1] first',
      computedHere: 'the values are computed here',
    },
    fix: 'suggestion',
    options: {},
  },
  check(context) {
    const seen = new Set<string>();
    for (const tensor of context.graph.tensors) {
      if (tensor.op !== 'log') continue;
      const input = tensor.args[0];
      const span = tensor.argSpans[0];
      // log(softmax(z)) is nll-without-log-softmax's; clipped or shifted inputs are guarded.
      if (!input || input.kind !== 'tensor' || input.op === 'softmax' || input.op === 'clipByValue' || input.op === 'add' || !span) continue;
      const meaning = tensorMeaning(input);
      if ((meaning.kind !== 'prob' && meaning.kind !== 'logits') || seen.has(spanKey(tensor.span))) continue;
      seen.add(spanKey(tensor.span));
      const text = spanText(context.text(span.file), span);
      context.report({
        messageId: meaning.kind === 'prob' ? 'logOfProbabilities' : 'logOfScores',
        data: { what: meaning.what },
        span: tensor.span,
        related: [{ span: meaning.span, message: rule.meta.messages.computedHere }],
        suggestions: meaning.kind === 'prob' ? [{ messageId: 'clip', edits: [{ span, text: `${receiver(text)}.clipByValue(1e-7, 1)` }] }] : [],
      });
    }
  },
});

export default rule;
