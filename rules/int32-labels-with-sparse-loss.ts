import { factsOf } from './core/facts';
import { lossForOutput } from './core/model';
import { defineRule } from './core/rule';
import type { Value } from './core/values';

type MessageId = 'int32Labels' | 'lossHere';

/** The losses that round their labels down with tf.floor, which takes float32 tensors only. */
const FLOORING_LOSSES = new Set(['sparseCategoricalCrossentropy', 'metrics.sparseCategoricalCrossentropy', 'losses.sparseCategoricalCrossentropy']);

/** The label tensors of a fit call, one per output, when they are given as a tensor or a list of them. */
function labelTensors(y: Value | undefined): Value[] {
  if (!y) return [];
  if (y.kind === 'array') return y.complete ? [...y.elements] : [];
  return [y];
}

const rule = defineRule<MessageId>({
  meta: {
    id: 'int32-labels-with-sparse-loss',
    category: 'data',
    severity: 'error',
    description: 'int32 class ids given to sparseCategoricalCrossentropy, which throws on them',
    messages: {
      int32Labels:
        "int32 labels make {{method}} throw on its first batch with sparseCategoricalCrossentropy. The loss rounds its labels down with tf.floor, which takes float32 tensors only (\"Argument 'x' passed to 'floor' must be float32 tensor, but got int32 tensor\"). Create the class ids as float32 (leave out 'int32'; whole numbers are exact in float32) or cast them with .toFloat().",
      lossHere: 'the loss is chosen here',
    },
    fix: 'none',
  },
  check(context) {
    for (const model of context.graph.models) {
      for (const fit of model.fits) {
        if (!fit.compile || fit.method === 'fitDataset') continue;
        labelTensors(fit.y).forEach((labels, index) => {
          const facts = factsOf(labels);
          if (facts?.dtype !== 'int32') return;
          const loss = lossForOutput(fit.compile!, index, undefined);
          if (!loss.known || loss.form === 'custom' || !FLOORING_LOSSES.has(loss.name)) return;
          context.report({
            messageId: 'int32Labels',
            data: { method: fit.method },
            span: facts.origin,
            related: loss.span ? [{ span: loss.span, message: rule.meta.messages.lossHere }] : [],
          });
        });
      }
    }
  },
});

export default rule;
