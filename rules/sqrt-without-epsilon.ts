import { asReceiver, spanText } from './core/edits';
import { defineRule } from './core/rule';
import { formatInterval, formatNumber, includes, isUnbounded, strictlyPositive, type TensorFacts } from './core/facts';
import type { TensorValue, Value } from './core/values';

type MessageId = 'sqrtOfNegative' | 'sqrtOfNegativeRange' | 'sqrtGradientAtZero' | 'normGradientAtZero' | 'addEpsilon' | 'computedHere';

/** A value among those the tensor is known to hold that has no square root, if there is one. */
function certainlyNegative(facts: TensorFacts): number | undefined {
  const known = (facts.distinct ?? facts.values)?.find((value) => value < 0);
  if (known !== undefined) return known;
  // A range entirely below 0 is negative whatever the values are.
  return facts.range.hi < 0 || (facts.range.hi === 0 && facts.range.hiOpen) ? facts.range.hi : undefined;
}

/** Whether the range is known (bounded below) and reaches 0, where the square root's slope is infinite. */
function reachesZero(range: TensorFacts['range']): boolean {
  return Number.isFinite(range.lo) && !strictlyPositive(range) && includes(range, 0);
}

/** The orders of `tf.norm` computed as sqrt(sum(x²)), whose gradient is NaN where x is all zeros. */
function isEuclideanNorm(ord: Value | undefined): boolean {
  if (ord === undefined) return true;
  if (ord.kind !== 'primitive') return false;
  return ord.value === undefined || ord.value === 'euclidean' || ord.value === 'fro' || ord.value === 2;
}


const rule = defineRule<MessageId>({
  meta: {
    id: 'sqrt-without-epsilon',
    category: 'loss-and-output',
    severity: 'error',
    description: 'A square root of values that can be negative, or of values that can be 0 inside a loss',
    messages: {
      sqrtOfNegative:
        'This takes the square root of values that include {{value}}. The square root of a negative number is NaN, and NaN spreads to everything computed from it. Shift or clip the values to 0 or above first.',
      sqrtOfNegativeRange:
        'This takes the square root of values in {{range}}, which can be negative. The square root is NaN there, and NaN spreads to everything computed from it. Shift or clip the values to 0 or above first.',
      sqrtGradientAtZero:
        'The gradient of this square root is NaN when its argument is 0, and the argument ({{range}}) can be 0. The slope of sqrt at 0 is infinite, so the loss\'s gradient becomes NaN and the next update turns the weights into NaN. Add a small epsilon inside the square root.',
      normGradientAtZero:
        'The gradient of this Euclidean norm is NaN when the tensor is all zeros. tfjs computes it as sqrt(sum(x²)), whose slope at 0 is infinite, so the loss\'s gradient becomes NaN and the next update turns the weights into NaN; a distance between two equal embeddings is exactly that case. Compute sqrt(sum(x²) + epsilon) instead.',
      addEpsilon: 'Add 1e-7 inside the square root',
      computedHere: 'the values are computed here',
    },
    fix: 'suggestion',
  },
  check(context) {
    for (const tensor of context.graph.tensors) {
      if (tensor.op === 'sqrt') checkSqrt(tensor);
      else if (tensor.op === 'norm' && tensor.inGradient && isEuclideanNorm(tensor.args[1])) {
        context.report({ messageId: 'normGradientAtZero', span: tensor.span, severity: 'warning' });
      }
    }

    function checkSqrt(tensor: TensorValue): void {
      const input = tensor.args[0];
      const span = tensor.argSpans[0];
      if (!input || input.kind !== 'tensor' || !span) return;
      const facts = input.facts;
      const related = [{ span: facts.origin, message: rule.meta.messages.computedHere }];
      const negative = certainlyNegative(facts);
      if (negative !== undefined) {
        context.report({ messageId: 'sqrtOfNegative', data: { value: formatNumber(negative) }, span: tensor.span, severity: 'error', related });
        return;
      }
      if (isUnbounded(facts.range)) return;
      if (Number.isFinite(facts.range.lo) && facts.range.lo < 0) {
        context.report({ messageId: 'sqrtOfNegativeRange', data: { range: formatInterval(facts.range) }, span: tensor.span, severity: 'warning', related });
        return;
      }
      if (tensor.inGradient && reachesZero(facts.range)) {
        const text = spanText(context.text(span.file), span);
        context.report({
          messageId: 'sqrtGradientAtZero',
          data: { range: formatInterval(facts.range) },
          span: tensor.span,
          severity: 'warning',
          related,
          suggestions: [{ messageId: 'addEpsilon', edits: [{ span, text: `${asReceiver(text)}.add(1e-7)` }] }],
        });
      }
    }
  },
});

export default rule;
