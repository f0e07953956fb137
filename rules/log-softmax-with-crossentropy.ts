import { setActivationEdit } from './core/fixes';
import { activationSpan, isBinaryCrossentropy, isCategoricalLoss, trainedOutputs } from './core/model';
import { defineRule } from './core/rule';

type MessageId = 'logSoftmaxOutput' | 'useSoftmax' | 'lossHere';

const rule = defineRule<MessageId>({
  meta: {
    id: 'log-softmax-with-crossentropy',
    category: 'loss-and-output',
    severity: 'error',
    description: 'A logSoftmax output trained with a cross-entropy loss',
    messages: {
      logSoftmaxOutput:
        "{{loss}} expects probabilities, not the log-probabilities of 'logSoftmax'. Those are negative, and {{loss}} takes the logarithm itself. tfjs clips the negative values, so the loss is constant and nothing is learned. Use a 'softmax' output: tfjs has no negative log-likelihood loss for log-probabilities.",
      useSoftmax: "Use a 'softmax' output activation",
      lossHere: 'the loss is chosen here',
    },
    fix: 'safe',
  },
  check(context) {
    for (const { head, loss } of trainedOutputs(context.graph.models)) {
      const activation = head.activation;
      if (!activation.known || activation.name !== 'logSoftmax') continue;
      if (!isCategoricalLoss(loss) && !isBinaryCrossentropy(loss)) continue;
      const softmax = isCategoricalLoss(loss) ? setActivationEdit(context.text, activation, 'softmax') : undefined;
      context.report({
        messageId: 'logSoftmaxOutput',
        data: { loss: loss.name.replace(/^metrics\./, '') },
        span: activationSpan(activation),
        related: loss.span ? [{ span: loss.span, message: rule.meta.messages.lossHere }] : [],
        ...(softmax ? { fix: { messageId: 'useSoftmax' as const, edits: [softmax] } } : {}),
      });
    }
  },
});

export default rule;
