import { setActivationEdit, setLossEdit } from './core/fixes';
import { isCategoricalLoss, trainedOutputs } from './core/model';
import { defineRule } from './core/rule';

type MessageId = 'singleUnit' | 'useBinary' | 'lossHere';

const rule = defineRule<MessageId>({
  meta: {
    id: 'loss-units-mismatch',
    category: 'loss-and-output',
    severity: 'error',
    description: 'A categorical loss on an output with a single unit',
    messages: {
      singleUnit:
        '{{loss}} needs several output units, and this output has one. The loss spreads probability over the output units: there is only one class to predict, so the loss cannot tell samples apart and the model learns nothing. A yes/no output needs binaryCrossentropy with a sigmoid; several classes need one unit per class.',
      useBinary: "Use binaryCrossentropy with a 'sigmoid' output (one yes/no output)",
      lossHere: 'the loss is chosen here',
    },
    fix: 'suggestion',
  },
  check(context) {
    for (const { head, loss } of trainedOutputs(context.graph.models)) {
      if (!isCategoricalLoss(loss) || !head.units.known || head.units.value !== 1 || !head.units.span) continue;
      const binary = setLossEdit(context.text, loss, 'binaryCrossentropy');
      const sigmoid = head.activation.known ? setActivationEdit(context.text, head.activation, 'sigmoid') : undefined;
      context.report({
        messageId: 'singleUnit',
        data: { loss: loss.name },
        span: head.units.span,
        related: loss.span ? [{ span: loss.span, message: rule.meta.messages.lossHere }] : [],
        suggestions: binary && sigmoid ? [{ messageId: 'useBinary', edits: [binary, sigmoid] }] : [],
      });
    }
  },
});

export default rule;
