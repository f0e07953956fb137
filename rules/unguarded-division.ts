import { asReceiver, spanText } from './core/edits';
import { defineRule } from './core/rule';
import { awayFromZero, type TensorFacts } from './core/facts';
import type { Value } from './core/values';

type MessageId = 'zero' | 'range' | 'deviation' | 'addEpsilon';


/** Where a denominator whose values are known is exactly 0: the positions, row-major (all of a constant 0). */
function zeroPositions(facts: TensorFacts): number[] {
  if (facts.distinct?.length === 1 && facts.distinct[0] === 0 && !facts.values) return [0];
  return (facts.values ?? []).flatMap((value, index) => (value === 0 ? [index] : []));
}

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
    severity: 'error',
    description: 'Scaling data by a range or standard deviation that can be zero',
    messages: {
      zero:
        'This divides by zero. The denominator is 0 at {{where}}, a feature with the same value in every sample. The result is Infinity or NaN there, and the NaN spreads through training. Drop the constant feature, or add a small epsilon to the denominator.',
      range:
        'Dividing by max - min can give Infinity or NaN. It does for any feature that has the same value in every sample (a constant column, a one-sample batch), and the NaN spreads through training. Add a small epsilon to the denominator.',
      deviation:
        'Dividing by a standard deviation can give Infinity or NaN. It does for any feature that does not vary (a constant column), and the NaN spreads through training. Add a small epsilon to the denominator.',
      addEpsilon: 'Add 1e-7 to the denominator',
    },
    fix: 'suggestion',
  },
  check(context) {
    for (const tensor of context.graph.tensors) {
      if (tensor.op !== 'div') continue;
      const denominator = tensor.args[1];
      const span = tensor.argSpans[1];
      if (denominator?.kind !== 'tensor' || !span || awayFromZero(denominator.facts.range)) continue;
      const text = spanText(context.text(span.file), span);
      const suggestions = [{ messageId: 'addEpsilon' as const, edits: [{ span, text: `${asReceiver(text)}.add(1e-7)` }] }];
      const zeros = zeroPositions(denominator.facts);
      if (zeros.length > 0) {
        const shape = denominator.facts.shape;
        const where = shape?.length === 1 ? `column ${zeros.map(String).join(', column ')}` : shape?.length === 0 ? 'its only value' : `position ${zeros.join(', ')}`;
        context.report({ messageId: 'zero', data: { where }, span, severity: 'error', suggestions });
        continue;
      }
      const kind = riskyDenominator(denominator);
      if (!kind) continue;
      // Only possible: the data may well vary in every feature.
      context.report({ messageId: kind, span, severity: 'info', suggestions });
    }
  },
});

export default rule;
