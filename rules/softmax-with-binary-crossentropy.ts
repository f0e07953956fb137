import { isStringLiteralAt, replaceString, spanText } from './core/edits';
import { activationSpan, compiledLossTrains, isBinaryCrossentropy, layerName, lossForOutput, outputHeads, type ActivationFact } from './core/model';
import { defineRule, type FixProposal, type TextEdit } from './core/rule';

type MessageId = 'singleUnit' | 'multiUnit' | 'unknownUnits' | 'useSigmoid' | 'useCategorical' | 'lossHere';

const rule = defineRule<MessageId>({
  meta: {
    id: 'softmax-with-binary-crossentropy',
    category: 'loss-and-output',
    severity: 'error',
    description: 'A softmax output layer trained with binaryCrossentropy',
    messages: {
      singleUnit:
        'Softmax over a single unit always outputs 1. binaryCrossentropy gets the same prediction for every sample and the model cannot learn. Use sigmoid for a one-unit binary output.',
      multiUnit:
        'Softmax does not go with binaryCrossentropy. It makes the {{units}} outputs compete (they sum to 1), but binaryCrossentropy scores each one as an independent yes/no. Use categoricalCrossentropy when each sample has one class, or sigmoid when it can have several.',
      unknownUnits:
        'Softmax does not go with binaryCrossentropy. With one unit softmax is constantly 1, and with several it couples outputs that binaryCrossentropy scores independently.',
      useSigmoid: "Use a 'sigmoid' output activation",
      useCategorical: "Use the 'categoricalCrossentropy' loss",
      lossHere: 'binaryCrossentropy is chosen here',
    },
    fix: 'safe',
  },
  check(context) {
    for (const model of context.graph.models) {
      if (!compiledLossTrains(model)) continue;
      for (const compile of model.compiles) {
        for (const head of outputHeads(model)) {
          const activation = head.activation;
          if (!activation.known || activation.name !== 'softmax') continue;
          const loss = lossForOutput(compile, head.index, layerName(head.layer));
          if (!loss.known || !isBinaryCrossentropy(loss)) continue;
          const span = activationSpan(activation);
          const related = loss.span ? [{ span: loss.span, message: rule.meta.messages.lossHere }] : [];
          const sigmoid = toSigmoid(context.text(span.file), activation);
          const useSigmoid: FixProposal<MessageId>[] = sigmoid ? [{ messageId: 'useSigmoid', edits: [sigmoid] }] : [];
          if (head.units.known && head.units.value === 1) {
            context.report({
              messageId: 'singleUnit',
              span,
              severity: 'error',
              related,
              ...(useSigmoid[0] ? { fix: useSigmoid[0] } : {}),
            });
          } else if (head.units.known) {
            const lossText = loss.span ? context.text(loss.span.file) : '';
            const categorical: FixProposal<MessageId>[] =
              loss.form === 'string' && isStringLiteralAt(lossText, loss.span)
                ? [{ messageId: 'useCategorical', edits: [replaceString(lossText, loss.span, 'categoricalCrossentropy')] }]
                : [];
            context.report({
              messageId: 'multiUnit',
              data: { units: head.units.value },
              span,
              severity: 'warning',
              related,
              suggestions: [...categorical, ...useSigmoid],
            });
          } else {
            context.report({ messageId: 'unknownUnits', span, severity: 'warning', related, suggestions: useSigmoid });
          }
        }
      }
    }
  },
});

export default rule;

/** The edit that turns the softmax output into a sigmoid one, when it can be made locally. */
function toSigmoid(text: string, activation: ActivationFact & { known: true }): TextEdit | undefined {
  if (activation.entry?.state === 'present') {
    const span = activation.entry.property.valueSpan;
    return isStringLiteralAt(text, span) ? replaceString(text, span, 'sigmoid') : undefined;
  }
  if (activation.layer.factory === 'softmax') {
    // tf.layers.softmax() -> tf.layers.activation({ activation: 'sigmoid' }), keeping how tf.layers is reached.
    const call = spanText(text, activation.layer.span);
    const prefix = /^([\s\S]*?)\bsoftmax\s*\(/.exec(call)?.[1];
    if (prefix === undefined) return undefined;
    return { span: activation.layer.span, text: `${prefix}activation({ activation: 'sigmoid' })` };
  }
  return undefined;
}
