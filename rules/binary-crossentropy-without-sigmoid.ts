import { setActivationEdit } from './core/fixes';
import { activationSpan, isBinaryCrossentropy, trainedOutputs } from './core/model';
import { defineRule } from './core/rule';

type MessageId = 'linearOutput' | 'otherActivation' | 'useSigmoid' | 'lossHere';

/** Activations whose outputs are already probabilities for binaryCrossentropy. */
const PROBABILITY_ACTIVATIONS = new Set(['sigmoid', 'hardSigmoid']);

const rule = defineRule<MessageId>({
  meta: {
    id: 'binary-crossentropy-without-sigmoid',
    category: 'loss-and-output',
    severity: 'error',
    description: 'A binaryCrossentropy loss on an output that is not a sigmoid',
    messages: {
      linearOutput:
        "This output has no activation, but binaryCrossentropy expects probabilities. They must lie between 0 and 1, and this output produces raw scores. tfjs clips them into (0, 1) instead of applying a sigmoid: every score outside that range gets no gradient and stops learning. Use a 'sigmoid' output activation.",
      otherActivation:
        "'{{activation}}' outputs values outside 0 to 1, where binaryCrossentropy expects probabilities. tfjs clips them: those outputs get no gradient. Use a 'sigmoid' output activation.",
      useSigmoid: "Use a 'sigmoid' output activation",
      lossHere: 'binaryCrossentropy is chosen here',
    },
    fix: 'safe',
  },
  check(context) {
    for (const { head, loss } of trainedOutputs(context.graph.models)) {
      const activation = head.activation;
      if (!isBinaryCrossentropy(loss) || !activation.known) continue;
      // A softmax output is softmax-with-binary-crossentropy's concern.
      if (PROBABILITY_ACTIVATIONS.has(activation.name) || activation.name === 'softmax') continue;
      const sigmoid = setActivationEdit(context.text, activation, 'sigmoid');
      context.report({
        messageId: activation.name === 'linear' ? 'linearOutput' : 'otherActivation',
        data: { activation: activation.name },
        span: activationSpan(activation),
        related: loss.span ? [{ span: loss.span, message: rule.meta.messages.lossHere }] : [],
        ...(sigmoid ? { fix: { messageId: 'useSigmoid' as const, edits: [sigmoid] } } : {}),
      });
    }
  },
});

export default rule;
