import { lossForOutput, outputHeads } from './core/model';
import { defineRule, formatMessage } from './core/rule';

type MessageId = 'oneHotDepth' | 'labelColumns' | 'outputUnits';

const rule = defineRule<MessageId>({
  meta: {
    id: 'output-units-vs-classes',
    category: 'loss-and-output',
    severity: 'error',
    description: 'One-hot labels with a different number of classes than the output has units',
    messages: {
      oneHotDepth:
        'The output has {{units}} units, but the labels have {{classes}} classes. They are one-hot encoded over {{classes}} classes: fit throws on the shape mismatch, or, where shapes happen to broadcast, the model learns the wrong targets. The output layer needs one unit per class.',
      labelColumns:
        'The output has {{units}} units, but the labels have {{classes}} columns. The model outputs {{units}} values per sample: fit throws on the shape mismatch, or, where shapes happen to broadcast, the model learns the wrong targets. The output layer needs one unit per column of the labels.',
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
        if (labels?.kind !== 'tensor') continue;
        const related = head.units.span ? [{ span: head.units.span, message: formatMessage(rule.meta.messages.outputUnits, { units: head.units.value }) }] : [];
        if (labels.op === 'oneHot') {
          const depth = labels.args[1];
          const span = labels.argSpans[1];
          if (depth?.kind !== 'primitive' || typeof depth.value !== 'number' || !span || depth.value === head.units.value) continue;
          context.report({ messageId: 'oneHotDepth', data: { classes: depth.value, units: head.units.value }, span, related });
          continue;
        }
        // Labels of known shape, one row per sample: the output gives one value per column.
        const shape = labels.facts.shape;
        const columns = shape?.length === 2 ? shape[1] : undefined;
        if (columns === undefined || columns === head.units.value) continue;
        const loss = fit.compile ? lossForOutput(fit.compile, 0, undefined) : undefined;
        // Class ids in one column are sparse labels (labels-outside-loss-domain checks them against the units).
        if (!loss?.known || (loss.form === 'string' && loss.name === 'sparseCategoricalCrossentropy')) continue;
        context.report({ messageId: 'labelColumns', data: { classes: columns, units: head.units.value }, span: labels.facts.origin, related });
      }
    }
  },
});

export default rule;
