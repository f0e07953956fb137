import { configEntry } from './core/config';
import { isNumberLiteralAt } from './core/edits';
import { defineRule } from './core/rule';

type MessageId = 'high' | 'dropsEverything' | 'useHalf';

/** Layer factories and the options that set a dropout rate. */
const RATE_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  alphaDropout: ['rate'],
  dropout: ['rate'],
  gaussianDropout: ['rate'],
  spatialDropout1d: ['rate'],
  gru: ['dropout', 'recurrentDropout'],
  lstm: ['dropout', 'recurrentDropout'],
  simpleRNN: ['dropout', 'recurrentDropout'],
  convLstm2d: ['dropout', 'recurrentDropout'],
};

const rule = defineRule<MessageId>({
  meta: {
    id: 'dropout-rate-too-high',
    category: 'architecture',
    severity: 'warning',
    description: 'A dropout rate above 0.5, or one that drops every unit',
    messages: {
      high: 'A dropout rate of {{rate}} is too high. It removes most of the signal in every training step: the layers after it learn from a few surviving units and training is slow and noisy. Rates between 0.1 and 0.5 are usual.',
      dropsEverything: 'A dropout rate of {{rate}} drops every unit. tfjs clamps the rate to 1, so nothing passes through during training and the layers after it cannot learn. The rate is the fraction of units to drop, between 0 and 1.',
      useHalf: 'Use a rate of 0.5',
    },
    fix: 'suggestion',
  },
  check(context) {
    for (const layer of context.graph.layers) {
      for (const option of RATE_OPTIONS[layer.factory] ?? []) {
        const entry = configEntry(layer.config, option);
        if (entry.state !== 'present' || entry.value.kind !== 'primitive' || typeof entry.value.value !== 'number') continue;
        const span = entry.property.valueSpan ?? entry.value.span;
        const rate = entry.value.value;
        if (!span || rate <= 0.5) continue;
        const text = context.text(span.file);
        context.report({
          messageId: rate >= 1 ? 'dropsEverything' : 'high',
          data: { rate: String(rate) },
          span,
          severity: rate >= 1 ? 'error' : 'warning',
          suggestions: isNumberLiteralAt(text, span) ? [{ messageId: 'useHalf', edits: [{ span, text: '0.5' }] }] : [],
        });
      }
    }
  },
});

export default rule;
