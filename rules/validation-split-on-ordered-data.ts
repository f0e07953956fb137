import { configEntry } from './core/config';
import { numericLeaves } from './core/data';
import { defineRule } from './core/rule';
import { spanKey } from './core/span';
import type { Value } from './core/values';

type MessageId = 'orderedTail' | 'labelsHere';

const CONSTANT_BLOCKS = new Set(['zeros', 'ones', 'fill', 'zerosLike', 'onesLike']);

/** Whether labels are visibly in class order: sorted literal labels, or blocks of one class concatenated. */
function ordered(labels: Value | undefined): boolean {
  if (!labels || labels.kind !== 'tensor') return false;
  if (labels.op === 'oneHot' || labels.op === 'cast' || labels.op === 'toFloat') return ordered(labels.args[0]);
  if (labels.op === 'concat') {
    const parts = labels.args[0];
    return parts?.kind === 'array' && parts.complete && parts.elements.length >= 2 && parts.elements.every((part) => part.kind === 'tensor' && CONSTANT_BLOCKS.has(part.op));
  }
  if (/^tensor[1-4]?d?$/.test(labels.op)) {
    const leaves = labels.args[0] ? numericLeaves(labels.args[0]) : undefined;
    if (!leaves || leaves.length < 4 || new Set(leaves).size < 2) return false;
    return leaves.every((leaf, index) => index === 0 || leaf >= leaves[index - 1]!);
  }
  return false;
}

const rule = defineRule<MessageId>({
  meta: {
    id: 'validation-split-on-ordered-data',
    category: 'data',
    severity: 'warning',
    description: 'validationSplit taken from data that is sorted by class',
    messages: {
      orderedTail:
        'fit takes the validation set from the end of the data, before shuffling, and these labels are in class order: the validation set holds only the last class(es) and the model never trains on them. Validation accuracy stays low whatever the model does. Shuffle the samples before fit, or pass validationData.',
      labelsHere: 'the labels are built in order here',
    },
    fix: 'none',
    options: {},
  },
  check(context) {
    const seen = new Set<string>();
    for (const model of context.graph.models) {
      for (const fit of model.fits) {
        if (fit.method !== 'fit') continue;
        const split = configEntry(fit.config, 'validationSplit');
        if (split.state !== 'present' || split.value.kind !== 'primitive' || typeof split.value.value !== 'number' || split.value.value <= 0) continue;
        const span = split.property.valueSpan ?? split.value.span;
        if (!span || !ordered(fit.y) || seen.has(spanKey(span))) continue;
        seen.add(spanKey(span));
        context.report({ messageId: 'orderedTail', span, related: fit.y?.kind === 'tensor' ? [{ span: fit.y.span, message: rule.meta.messages.labelsHere }] : [] });
      }
    }
  },
});

export default rule;
