import { configEntry } from './core/config';
import { defineRule } from './core/rule';
import { type Span } from './core/span';
import type { Value } from './core/values';

type MessageId = 'tooLarge' | 'tooSmall';

const INITIALIZER_OPTIONS = ['kernelInitializer', 'recurrentInitializer', 'depthwiseInitializer', 'pointwiseInitializer'];

/** The spread of a random initializer and where it is written. */
function spread(value: Value): { amount: number; span: Span | undefined } | undefined {
  if (value.kind !== 'tfObject') return undefined;
  const config = value.args[0];
  const read = (key: string): { amount: number; span: Span | undefined } | undefined => {
    const entry = configEntry(config, key);
    return entry.state === 'present' && entry.value.kind === 'primitive' && typeof entry.value.value === 'number'
      ? { amount: Math.abs(entry.value.value), span: entry.property.valueSpan ?? entry.value.span }
      : undefined;
  };
  if (value.path === 'initializers.randomNormal' || value.path === 'initializers.truncatedNormal') return read('stddev');
  if (value.path === 'initializers.randomUniform') {
    const low = read('minval');
    const high = read('maxval');
    if (!low || !high) return undefined;
    return high.amount >= low.amount ? high : low;
  }
  return undefined;
}

const rule = defineRule<MessageId>({
  meta: {
    id: 'initializer-scale-extreme',
    category: 'architecture',
    severity: 'warning',
    description: 'Random initial weights with a very large or very small spread',
    messages: {
      tooLarge:
        'Initial weights spread {{amount}} wide are too large. They make every layer multiply the size of its input: activations and gradients grow layer after layer, saturating units or overflowing. Use a scaled initializer such as glorotNormal or heNormal, which adapt the spread to the layer size.',
      tooSmall:
        'Initial weights spread only {{amount}} wide are too small. They make every layer shrink its input: after a few layers the signal and the gradients are close to zero and nothing learns. Use a scaled initializer such as glorotNormal or heNormal.',
    },
    fix: 'none',
  },
  check(context) {
    for (const layer of context.graph.layers) {
      for (const option of INITIALIZER_OPTIONS) {
        const entry = configEntry(layer.config, option);
        if (entry.state !== 'present') continue;
        const found = spread(entry.value);
        if (!found?.span) continue;
        const messageId = found.amount >= 1 ? 'tooLarge' : found.amount > 0 && found.amount <= 1e-4 ? 'tooSmall' : undefined;
        if (!messageId) continue;
        context.report({ messageId, data: { amount: found.amount }, span: found.span });
      }
    }
  },
});

export default rule;
