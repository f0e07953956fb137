import { setActivationEdit, setLossEdit } from './core/fixes';
import { activationSpan, isCategoricalLoss, trainedOutputs } from './core/model';
import { defineRule, type FixProposal } from './core/rule';

type MessageId = 'linearOutput' | 'otherActivation' | 'sigmoidOutput' | 'useSoftmax' | 'useBinary' | 'lossHere';

const rule = defineRule<MessageId>({
  meta: {
    id: 'categorical-crossentropy-without-softmax',
    category: 'loss-and-output',
    severity: 'error',
    description: 'A categorical cross-entropy loss on an output that is not a softmax',
    messages: {
      linearOutput:
        "This output has no activation, but {{loss}} expects class probabilities. It produces raw scores, which can be negative. tfjs does not apply softmax for you: it divides the outputs by their sum and clips them, which gives meaningless probabilities and gradients. Use a 'softmax' output activation.",
      otherActivation:
        "{{loss}} expects class probabilities, and '{{activation}}' does not produce them. They must sum to 1, and tfjs does not apply softmax for you. Use a 'softmax' output activation.",
      sigmoidOutput:
        "{{loss}} expects one distribution over the classes, not '{{activation}}'. A '{{activation}}' output scores each class on its own; tfjs only rescales the outputs to sum to 1. Use 'softmax' for one class per sample, or binaryCrossentropy if a sample can have several labels.",
      useSoftmax: "Use a 'softmax' output activation",
      useBinary: "Use the 'binaryCrossentropy' loss (several labels per sample)",
      lossHere: 'the loss is chosen here',
    },
    fix: 'safe',
  },
  check(context) {
    for (const { head, loss } of trainedOutputs(context.graph.models)) {
      const activation = head.activation;
      if (!isCategoricalLoss(loss) || !activation.known) continue;
      if (activation.name === 'softmax' || activation.name === 'logSoftmax') continue;
      // One unit is a mismatch of its own (loss-units-mismatch).
      if (head.units.known && head.units.value === 1) continue;
      const span = activationSpan(activation);
      const related = loss.span ? [{ span: loss.span, message: rule.meta.messages.lossHere }] : [];
      const softmax = setActivationEdit(context.text, activation, 'softmax');
      const useSoftmax: FixProposal<MessageId> | undefined = softmax ? { messageId: 'useSoftmax', edits: [softmax] } : undefined;
      if (activation.name === 'sigmoid' || activation.name === 'hardSigmoid') {
        const binary = setLossEdit(context.text, loss, 'binaryCrossentropy');
        context.report({
          messageId: 'sigmoidOutput',
          data: { loss: loss.name, activation: activation.name },
          span,
          severity: 'warning',
          related,
          suggestions: [...(useSoftmax ? [useSoftmax] : []), ...(binary ? [{ messageId: 'useBinary' as const, edits: [binary] }] : [])],
        });
        continue;
      }
      context.report({
        messageId: activation.name === 'linear' ? 'linearOutput' : 'otherActivation',
        data: { loss: loss.name, activation: activation.name },
        span,
        related,
        ...(useSoftmax ? { fix: useSoftmax } : {}),
      });
    }
  },
});

export default rule;
