import { defineRule } from './core/rule';
import type { GraphEvent } from './core/graph';
import { lossReach, reachesNoWeights } from './core/training';

type MessageId = 'readInGradient';

type Readback = Extract<GraphEvent, { kind: 'readback' }>;

/**
 * Whether a read inside a loss function cuts its gradient: the loss the function returns reaches no
 * weight through tensor operations. A read that only builds labels, a mask, a sampled action or a
 * log line leaves the gradient path alone, and a loss that still reaches the weights trains them.
 */
function cutsGradient(event: Readback): boolean {
  const gradient = event.gradient;
  if (!gradient || gradient.wrt !== 'variables' || event.logStatement) return false;
  return gradient.result.kind === 'tensor' && reachesNoWeights(lossReach(gradient.result));
}

const rule = defineRule<MessageId>({
  meta: {
    id: 'data-sync-in-loss',
    category: 'training-loop',
    severity: 'warning',
    description: 'A loss computed from tensor values read back inside the function whose gradient tfjs takes',
    messages: {
      readInGradient:
        '{{method}}() in this loss function cuts the gradient off from the weights. It turns tensor values into plain JavaScript numbers, and the loss this function returns is computed from such values, not from the weights: tfjs cannot differentiate through them, so no gradient reaches the weights (tfjs throws "Cannot find a connection between any variable and the result of the loss function"). Keep the loss in tensor operations and read values after the step, for example from the loss minimize(f, true) returns.',
    },
    fix: 'none',
  },
  check(context) {
    const reads = context.graph.events.filter((event): event is Readback => event.kind === 'readback' && cutsGradient(event));
    for (const event of reads) {
      context.report({ messageId: 'readInGradient', data: { method: event.method }, span: event.span });
    }
  },
});

export default rule;
