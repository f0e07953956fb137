import { removeStatement } from './core/edits';
import { defineRule } from './core/rule';
import type { GraphEvent } from './core/graph';
import { firstPerSpan } from './core/span';

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
    const inGradient = (event: GraphEvent): event is Extract<GraphEvent, { kind: 'readback' }> => event.kind === 'readback' && event.inGradient;
    for (const event of firstPerSpan(context.graph.events.filter(inGradient))) {
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
