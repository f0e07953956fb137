import { modelLayers } from './core/model';
import { defineRule } from './core/rule';
import { spanKey } from './core/span';

type MessageId = 'stale' | 'compiledHere';

const rule = defineRule<MessageId>({
  meta: {
    id: 'trainable-changed-after-compile',
    category: 'training-loop',
    severity: 'warning',
    description: 'trainable changed after compile without compiling again',
    messages: {
      stale:
        'tfjs collects the weights to train when the model is compiled. Changing trainable afterwards has no effect on the next fit (tfjs only warns about a "discrepancy"): frozen layers keep training, or unfrozen ones stay frozen. Call compile again after changing trainable.',
      compiledHere: 'the model was compiled here, before the change',
    },
    fix: 'none',
    options: {},
  },
  check(context) {
    const seen = new Set<string>();
    for (const event of context.graph.events) {
      if (event.kind !== 'trainable' || event.conditional || seen.has(spanKey(event.span))) continue;
      const models = context.graph.models.filter((model) => model === event.model || (event.layer !== undefined && modelLayers(model).includes(event.layer)));
      for (const model of models) {
        const before = model.compiles.filter((compile) => compile.order < event.order).at(-1);
        const fitAfter = model.fits.find((fit) => fit.order > event.order);
        if (!before || !fitAfter) continue;
        if (model.compiles.some((compile) => compile.order > event.order && compile.order < fitAfter.order)) continue;
        seen.add(spanKey(event.span));
        context.report({ messageId: 'stale', span: event.span, related: [{ span: before.span, message: rule.meta.messages.compiledHere }] });
        break;
      }
    }
  },
});

export default rule;
