import { divergenceBounds } from './core/divergence';
import { isNumberLiteralAt } from './core/edits';
import { defineRule, type FixProposal, type Severity } from './core/rule';
import { spanKey } from './core/span';
import { LOWEST_USEFUL_LEARNING_RATE } from './core/tfjs';

type MessageId = 'tooHighAdaptive' | 'farTooHigh' | 'tooHighSgd' | 'tooLow' | 'notPositive' | 'useTypical';

/** Adaptive optimizers scale their steps by running statistics: 0.001 is their usual rate. */
const ADAPTIVE = new Set(['adam', 'adamax', 'rmsprop']);
const PLAIN = new Set(['sgd', 'momentum', 'adagrad']);
const TYPICAL: Readonly<Record<string, string>> = { adam: '0.001', adamax: '0.002', rmsprop: '0.001', sgd: '0.01', momentum: '0.01', adagrad: '0.01' };

const rule = defineRule<MessageId>({
  meta: {
    id: 'learning-rate-out-of-range',
    category: 'optimizer',
    severity: 'error',
    description: 'A learning rate far outside the range its optimizer works in',
    messages: {
      tooHighAdaptive:
        'A learning rate of {{rate}} is high for {{optimizer}}. It works best around 0.001: training is likely to oscillate or diverge. Start from 0.001 and raise it only if the loss falls too slowly.',
      farTooHigh:
        'A learning rate of {{rate}} is far too high for {{optimizer}}. It is usually around 0.001: the first updates overshoot, the loss jumps around or becomes NaN, and the model does not learn.',
      tooHighSgd: 'A learning rate of {{rate}} is too high for {{optimizer}}. It takes steps larger than the gradient itself: the weights overshoot and the loss diverges. Typical rates are between 0.001 and 0.1.',
      tooLow: 'A learning rate of {{rate}} is too low for {{optimizer}}. It barely changes the weights: the loss will look flat for thousands of steps.',
      notPositive: 'A learning rate of {{rate}} does not move the weights towards a lower loss. It must be a small positive number.',
      useTypical: 'Use {{value}}, the usual learning rate for {{optimizer}}',
    },
    fix: 'suggestion',
  },
  check(context) {
    const bounds = divergenceBounds(context.graph.models);
    for (const optimizer of context.graph.optimizers) {
      const name = optimizer.path.slice('train.'.length);
      const rate = optimizer.args[0];
      const span = optimizer.argSpans?.[0];
      if (!rate || rate.kind !== 'primitive' || typeof rate.value !== 'number' || !span) continue;
      const value = rate.value;
      let verdict: { messageId: Exclude<MessageId, 'useTypical'>; severity: Severity } | undefined;
      if (value <= 0) verdict = { messageId: 'notPositive', severity: 'error' };
      else if (value < LOWEST_USEFUL_LEARNING_RATE) verdict = { messageId: 'tooLow', severity: 'warning' };
      else if (ADAPTIVE.has(name) && value >= 0.1) verdict = { messageId: 'farTooHigh', severity: 'error' };
      else if (ADAPTIVE.has(name) && value > 0.01) verdict = { messageId: 'tooHighAdaptive', severity: 'warning' };
      else if (PLAIN.has(name) && value > 1) verdict = { messageId: 'tooHighSgd', severity: 'error' };
      if (!verdict) continue;
      const typical = TYPICAL[name];
      const text = context.text(span.file);
      // The usual rate is no repair where the inputs are known to make it diverge.
      const diverges = typical !== undefined && bounds.some((found) => spanKey(found.span) === spanKey(span) && Number(typical) > found.bound);
      const suggestions: FixProposal<MessageId>[] =
        typical && !diverges && isNumberLiteralAt(text, span) ? [{ messageId: 'useTypical', data: { value: typical, optimizer: `tf.train.${name}` }, edits: [{ span, text: typical }] }] : [];
      context.report({ messageId: verdict.messageId, data: { rate: String(value), optimizer: `tf.train.${name}` }, span, severity: verdict.severity, suggestions });
    }
  },
});

export default rule;
