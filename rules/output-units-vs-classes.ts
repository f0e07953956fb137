import { outputHeads } from './core/model';
import { defineRule, formatMessage } from './core/rule';

type MessageId = 'oneHotDepth' | 'outputUnits';

const rule = defineRule<MessageId>({
  meta: {
    id: 'output-units-vs-classes',
    category: 'loss-and-output',
    severity: 'error',
    description: 'One-hot labels with a different number of classes than the output has units',
    messages: {
      oneHotDepth:
        'The labels are one-hot encoded over {{classes}} classes, but the model outputs {{units}} values per sample: fit throws on the shape mismatch, or, where shapes happen to broadcast, the model learns the wrong targets. The output layer needs one unit per class.',
      outputUnits: 'the output layer has {{units}} units',
    },
    fix: 'none',
  },
  check(context) {
    for (const model of context.graph.models) {
      const heads = outputHeads(model);
      const head = heads.length === 1 ? heads[0] : undefined;
      if (!head?.units.known) continue;
      for (const fit of model.fits) {
        const labels = fit.y;
        if (labels?.kind !== 'tensor' || labels.op !== 'oneHot') continue;
        const depth = labels.args[1];
        const span = labels.argSpans[1];
        if (depth?.kind !== 'primitive' || typeof depth.value !== 'number' || !span || depth.value === head.units.value) continue;
        context.report({
          messageId: 'oneHotDepth',
          data: { classes: depth.value, units: head.units.value },
          span,
          related: head.units.span ? [{ span: head.units.span, message: formatMessage(rule.meta.messages.outputUnits, { units: head.units.value }) }] : [],
        });
      }
    }
  },
});

export default rule;
