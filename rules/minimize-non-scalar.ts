import { spanText } from './core/edits';
import { defineRule } from './core/rule';
import { type Span } from './core/span';
import { minimumRank } from './core/tensors';

type MessageId = 'notScalar' | 'takeMean';

/** The calls that require their function to return a scalar. */
const SCALAR_LOSS_APIS = new Set(['optimizer.minimize', 'optimizer.computeGradients', 'tf.variableGrads']);

function contains(outer: Span, inner: Span): boolean {
  return outer.file === inner.file && outer.start <= inner.start && inner.end <= outer.end;
}

const rule = defineRule<MessageId>({
  meta: {
    id: 'minimize-non-scalar',
    category: 'training-loop',
    severity: 'error',
    description: 'A loss function for minimize or variableGrads that returns a tensor with dimensions',
    messages: {
      notScalar:
        '{{api}} needs a scalar loss, and this one is not. This tensor has at least {{rank}} dimension(s): tfjs throws "must return a scalar" on the first step. Reduce it with mean() (or sum()).',
      takeMean: 'Average the loss to a scalar with .mean()',
    },
    fix: 'suggestion',
  },
  check(context) {
    for (const gradient of context.graph.gradients) {
      if (!SCALAR_LOSS_APIS.has(gradient.api) || gradient.result.kind !== 'tensor') continue;
      const event = gradient;
      const result = gradient.result;
      const rank = minimumRank(result);
      if (rank === undefined || rank < 1) continue;
      const written = spanText(context.text(result.span.file), result.span);
      // Only an expression written inside the minimize call is changed; a helper may have other callers.
      const canAppend = contains(event.span, result.span) && written.endsWith(')');
      context.report({
        messageId: 'notScalar',
        data: { api: event.api, rank },
        span: result.span,
        suggestions: canAppend ? [{ messageId: 'takeMean', edits: [{ span: { ...result.span, start: result.span.end }, text: '.mean()' }] }] : [],
      });
    }
  },
});

export default rule;
