import { configEntry } from './core/config';
import { factsOf } from './core/facts';
import { defineRule } from './core/rule';
import type { Value } from './core/values';

type MessageId = 'orderedTail' | 'labelsHere';

/** Whether the rows of the labels are known to be in order: grouped by class, or sorted by value. */
function ordered(labels: Value | undefined): boolean {
  const order = factsOf(labels)?.order;
  return order?.kind === 'byClass' || order?.kind === 'sorted';
}

const rule = defineRule<MessageId>({
  meta: {
    id: 'validation-split-on-ordered-data',
    category: 'data',
    severity: 'warning',
    description: 'validationSplit taken from data that is sorted by class',
    messages: {
      orderedTail:
        'The validation split holds only the last classes of these ordered labels. fit takes the validation set from the end of the data, before shuffling, and these labels are in class order: the validation set holds only the last class(es) and the model never trains on them. Validation accuracy stays low whatever the model does. Shuffle the samples before fit, or pass validationData.',
      labelsHere: 'the labels are built in order here',
    },
    fix: 'none',
  },
  check(context) {
    for (const model of context.graph.models) {
      for (const fit of model.fits) {
        if (fit.method !== 'fit') continue;
        const split = configEntry(fit.config, 'validationSplit');
        if (split.state !== 'present' || split.value.kind !== 'primitive' || typeof split.value.value !== 'number' || split.value.value <= 0) continue;
        const span = split.property.valueSpan ?? split.value.span;
        if (!span || !ordered(fit.y)) continue;
        context.report({ messageId: 'orderedTail', span, related: fit.y?.kind === 'tensor' ? [{ span: fit.y.span, message: rule.meta.messages.labelsHere }] : [] });
      }
    }
  },
});

export default rule;
