import { configEntry } from './core/config';
import { removeProperty } from './core/edits';
import { defineRule } from './core/rule';

type MessageId = 'noShuffle' | 'removeShuffle';

const rule = defineRule<MessageId>({
  meta: {
    id: 'shuffle-disabled',
    category: 'training-loop',
    severity: 'info',
    description: 'A fit call that turns shuffling off',
    messages: {
      noShuffle:
        'With shuffle: false every epoch sees the samples in the same order. If the data is sorted (by class, by date), each batch is one-sided and the model chases the last batches it saw. Keep shuffling on unless the order itself is what the model must learn.',
      removeShuffle: 'Shuffle the data every epoch (remove shuffle: false)',
    },
    fix: 'suggestion',
  },
  check(context) {
    for (const model of context.graph.models) {
      for (const fit of model.fits) {
        if (fit.method !== 'fit') continue;
        const entry = configEntry(fit.config, 'shuffle');
        if (entry.state !== 'present' || entry.value.kind !== 'primitive' || entry.value.value !== false || !entry.property.span) continue;
        const span = entry.property.span;
        context.report({ messageId: 'noShuffle', span, suggestions: [{ messageId: 'removeShuffle', edits: [removeProperty(context.text(span.file), span)] }] });
      }
    }
  },
});

export default rule;
