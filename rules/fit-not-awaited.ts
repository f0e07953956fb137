import { defineRule } from './core/rule';
import { spanKey } from './core/span';

type MessageId = 'concurrent' | 'nextHere';

const rule = defineRule<MessageId>({
  meta: {
    id: 'fit-not-awaited',
    category: 'training-loop',
    severity: 'error',
    description: 'A fit call whose promise is not awaited before the model is trained again',
    messages: {
      concurrent:
        '{{method}} is not awaited, and the model is trained again before it settles. tfjs throws "Cannot start training because another fit() call is ongoing". Await the call (or chain with then).',
      nextHere: 'the model is trained again here',
    },
    fix: 'none',
  },
  check(context) {
    for (const model of context.graph.models) {
      const count = new Map<string, number>();
      for (const fit of model.fits) count.set(spanKey(fit.span), (count.get(spanKey(fit.span)) ?? 0) + 1);
      for (const fit of model.fits) {
        if (fit.awaited !== 'no' || fit.method === 'trainOnBatch') continue;
        const next = model.fits.find((other) => other.order > fit.order && other.method !== 'trainOnBatch');
        const again = fit.repeated || (count.get(spanKey(fit.span)) ?? 0) > 1;
        if (!next && !again) continue;
        context.report({
          messageId: 'concurrent',
          data: { method: fit.method },
          span: fit.span,
          related: next && spanKey(next.span) !== spanKey(fit.span) ? [{ span: next.span, message: rule.meta.messages.nextHere }] : [],
        });
      }
    }
  },
});

export default rule;
