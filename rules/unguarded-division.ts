import { spanText } from './core/edits';
import { defineRule } from './core/rule';
import { spanKey } from './core/span';
import type { Value } from './core/values';

type MessageId = 'range' | 'deviation' | 'addEpsilon';

function op(value: Value | undefined): string | undefined {
  return value?.kind === 'tensor' ? value.op : undefined;
}

/** `max - min` of the data, or its standard deviation: zero for a constant feature. */
function riskyDenominator(value: Value | undefined): 'range' | 'deviation' | undefined {
  if (value?.kind !== 'tensor') return undefined;
  if (value.op === 'sub' && op(value.args[0]) === 'max' && op(value.args[1]) === 'min') return 'range';
  if (value.op === 'sqrt') return 'deviation';
  return undefined;
}

const rule = defineRule<MessageId>({
  meta: {
    id: 'unguarded-division',
    category: 'data',
    severity: 'info',
    description: 'Scaling data by a range or standard deviation that can be zero',
    messages: {
      range:
        'Dividing by max - min gives Infinity or NaN for any feature that has the same value in every sample (a constant column, a one-sample batch), and the NaN spreads through training. Add a small epsilon to the denominator.',
      deviation:
        'Dividing by a standard deviation gives Infinity or NaN for any feature that does not vary (a constant column), and the NaN spreads through training. Add a small epsilon to the denominator.',
      addEpsilon: 'Add 1e-7 to the denominator',
    },
    fix: 'suggestion',
    options: {},
  },
  check(context) {
    const seen = new Set<string>();
    for (const tensor of context.graph.tensors) {
      if (tensor.op !== 'div') continue;
      const kind = riskyDenominator(tensor.args[1]);
      const span = tensor.argSpans[1];
      if (!kind || !span || seen.has(spanKey(span))) continue;
      seen.add(spanKey(span));
      const text = spanText(context.text(span.file), span);
      const wrapped = /^[\w$.]+(\([^()]*\))*$/.test(text) ? text : `(${text})`;
      context.report({ messageId: kind, span, suggestions: [{ messageId: 'addEpsilon', edits: [{ span, text: `${wrapped}.add(1e-7)` }] }] });
    }
  },
});

export default rule;
