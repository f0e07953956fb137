import { removeStatement } from './core/edits';
import { defineRule } from './core/rule';
import { spanKey } from './core/span';

type MessageId = 'readInGradient' | 'removeLog';

const rule = defineRule<MessageId>({
  meta: {
    id: 'data-sync-in-loss',
    category: 'training-loop',
    severity: 'warning',
    description: 'Tensor values read back inside a function whose gradient tfjs takes',
    messages: {
      readInGradient:
        '{{method}}() inside a loss function turns tensor values into plain JavaScript numbers. tfjs cannot differentiate through them, so whatever the loss computes from them is a constant and no gradient reaches the weights behind it (when nothing else connects them, tfjs throws "Cannot find a connection between any variable and the result of the loss function"). It also waits for the GPU on every step. Keep the loss in tensor operations and read values after the step, for example from the loss minimize(f, true) returns.',
      removeLog: 'Remove this logging statement',
    },
    fix: 'suggestion',
    options: {},
  },
  check(context) {
    const seen = new Set<string>();
    for (const event of context.graph.events) {
      if (event.kind !== 'readback' || !event.inGradient || seen.has(spanKey(event.span))) continue;
      seen.add(spanKey(event.span));
      const log = event.logStatement;
      context.report({
        messageId: 'readInGradient',
        data: { method: event.method },
        span: event.span,
        suggestions: log ? [{ messageId: 'removeLog', edits: [removeStatement(context.text(log.file), log)] }] : [],
      });
    }
  },
});

export default rule;
