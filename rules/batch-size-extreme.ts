import { configEntry } from './core/config';
import { defineRule } from './core/rule';

type MessageId = 'invalid' | 'single';

const rule = defineRule<MessageId>({
  meta: {
    id: 'batch-size-extreme',
    category: 'training-loop',
    severity: 'error',
    description: 'A batch size that tfjs rejects, or a batch of one sample',
    messages: {
      invalid: 'batchSize must be a positive whole number; {{value}} makes fit throw before training starts.',
      single:
        'A batch size of 1 makes training noisy and slow. Each gradient comes from a single sample: the updates are very noisy, batch normalization cannot work, and training is slow because nothing runs in parallel. Batches of 16 to 128 samples are usual.',
    },
    fix: 'none',
  },
  check(context) {
    for (const model of context.graph.models) {
      for (const fit of model.fits) {
        if (fit.method !== 'fit') continue;
        const entry = configEntry(fit.config, 'batchSize');
        if (entry.state !== 'present' || entry.value.kind !== 'primitive' || typeof entry.value.value !== 'number') continue;
        const span = entry.property.valueSpan ?? entry.value.span;
        if (!span) continue;
        const value = entry.value.value;
        if (!Number.isInteger(value) || value < 1) context.report({ messageId: 'invalid', data: { value: String(value) }, span });
        else if (value === 1) context.report({ messageId: 'single', span, severity: 'info' });
      }
    }
  },
});

export default rule;
