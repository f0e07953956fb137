import { asReceiver, spanText } from './core/edits';
import { defineRule } from './core/rule';
import { formatInterval, formatNumber, isUnbounded, strictlyPositive, type TensorFacts } from './core/facts';
import { tensorMeaning } from './core/tensors';

type MessageId = 'logOfZero' | 'logOfProbabilities' | 'logOfRange' | 'logOfScores' | 'clip' | 'computedHere';

/** A value among those the tensor is known to hold that the logarithm cannot take, if there is one. */
function certainlyNonPositive(facts: TensorFacts): number | undefined {
  return (facts.distinct ?? facts.values)?.find((value) => value <= 0);
}

/** Whether every value is above 0: clipped, shifted by an epsilon, or positive by construction. */
function positive(facts: TensorFacts): boolean {
  return strictlyPositive(facts.range);
}


const rule = defineRule<MessageId>({
  meta: {
    id: 'log-without-epsilon',
    category: 'loss-and-output',
    severity: 'error',
    description: 'The logarithm of probabilities or scores that can reach zero or go below it',
    messages: {
      logOfProbabilities:
        'This takes the log of {{what}}, which can be 0. Probabilities round to exactly 0 in 32-bit floats when the model is confident. log(0) is -Infinity, and one such value turns the loss and then every weight into NaN. Clip the probabilities away from 0 first.',
      logOfZero:
        'This takes the log of values that include {{value}}. log gives -Infinity at 0 and NaN below it, and one such value turns the loss and then every weight into NaN. Add a small epsilon, or clip the values away from 0.',
      logOfRange:
        'This takes the log of values in {{range}}, which can be 0 or negative. log gives -Infinity or NaN there, and NaN spreads to the loss and the weights. Add a small epsilon, or clip the values away from 0.',
      logOfScores: 'This takes the log of {{what}}, which can be zero or negative. log gives -Infinity or NaN there, and NaN spreads to the loss and the weights.',
      clip: 'Clip the probabilities to [1e-7, 1] first',
      computedHere: 'the values are computed here',
    },
    fix: 'suggestion',
  },
  check(context) {
    for (const tensor of context.graph.tensors) {
      if (tensor.op !== 'log') continue;
      const input = tensor.args[0];
      const span = tensor.argSpans[0];
      // log(softmax(z)) is nll-without-log-softmax's.
      if (!input || input.kind !== 'tensor' || input.op === 'softmax' || !span) continue;
      const facts = input.facts;
      if (positive(facts)) continue;
      const text = spanText(context.text(span.file), span);
      const clip = { messageId: 'clip' as const, edits: [{ span, text: `${asReceiver(text)}.clipByValue(1e-7, 1)` }] };
      const nonPositive = certainlyNonPositive(facts);
      const meaning = tensorMeaning(input);
      if (nonPositive !== undefined) {
        context.report({ messageId: 'logOfZero', data: { value: formatNumber(nonPositive) }, span: tensor.span, severity: 'error', related: [{ span: facts.origin, message: rule.meta.messages.computedHere }] });
      } else if (meaning.kind === 'prob' || meaning.kind === 'logits') {
        context.report({
          messageId: meaning.kind === 'prob' ? 'logOfProbabilities' : 'logOfScores',
          data: { what: meaning.what },
          span: tensor.span,
          severity: 'warning',
          related: [{ span: meaning.span, message: rule.meta.messages.computedHere }],
          suggestions: meaning.kind === 'prob' ? [clip] : [],
        });
      } else if (tensor.inGradient && !isUnbounded(facts.range) && Number.isFinite(facts.range.lo) && facts.range.hi > 0) {
        // A bounded range reaching 0 from above, in a function whose gradient tfjs takes: -Infinity
        // there makes the loss and the gradients NaN. (Outside one, say as logits for sampling, a
        // -Infinity is harmless.)
        context.report({ messageId: 'logOfRange', data: { range: formatInterval(facts.range) }, span: tensor.span, severity: 'warning', related: [{ span: facts.origin, message: rule.meta.messages.computedHere }] });
      }
    }
  },
});

export default rule;
