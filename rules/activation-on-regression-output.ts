import { expectedRange, knownRange, trainedOnClasses, trainedToReconstructInputs } from './core/data';
import { activationRange } from './core/domains';
import { closed, formatInterval, within, type Interval } from './core/facts';
import { isStringLiteralAt, removeProperty, replaceString } from './core/edits';
import { activationSpan, compiledLossTrains, layerName, lossForOutput, outputHeads, tracksAccuracy, type LossFact } from './core/model';
import { defineRule, type FixProposal } from './core/rule';
import { REGRESSION_LOSS_NAMES, REGRESSION_LOSS_PATHS, layerFacts } from './core/tfjs';

type MessageId = 'bounded' | 'bent' | 'outOfReach' | 'removeActivation' | 'lossHere';

/** What each activation does to the values an output can take. */
const RANGES: Readonly<Record<string, string>> = {
  elu: '(-1, ∞)',
  hardSigmoid: '[0, 1]',
  relu: '[0, ∞)',
  relu6: '[0, 6]',
  selu: '(-1.76, ∞)',
  sigmoid: '(0, 1)',
  softmax: '(0, 1] with all outputs summing to 1',
  softplus: '(0, ∞)',
  softsign: '(-1, 1)',
  tanh: '(-1, 1)',
  leakyReLU: 'a range that is squeezed below 0',
  thresholdedReLU: 'values that are 0 below a threshold',
};

/** The values an activation can produce or come as close to as it likes: its range with the ends included. */
function reachable(activation: string): Interval | undefined {
  const range = activationRange(activation);
  return range ? closed(range.lo, range.hi) : undefined;
}

/** Outputs that give probabilities: a single unit of these classifies yes/no. */
const PROBABILITY_OUTPUTS = new Set(['sigmoid', 'hardSigmoid', 'softmax']);

function isRegressionLoss(loss: LossFact & { known: true }): boolean {
  if (loss.form === 'string') return REGRESSION_LOSS_NAMES.has(loss.name);
  return loss.form === 'path' && REGRESSION_LOSS_PATHS.has(loss.name);
}

function lossLabel(loss: LossFact & { known: true }): string {
  return loss.form === 'path' ? `tf.${loss.name}` : loss.name;
}

const rule = defineRule<MessageId>({
  meta: {
    id: 'activation-on-regression-output',
    category: 'loss-and-output',
    severity: 'error',
    description: 'A regression loss on an output layer with a non-linear activation',
    messages: {
      bounded:
        "The output activation '{{activation}}' limits predictions to {{range}}. {{loss}} compares them with real-valued targets: targets outside that range can never be reached, and where the activation flattens, the gradient vanishes. Regression outputs are usually linear.",
      bent:
        "The output activation '{{activation}}' bends the predictions of a regression. {{loss}} compares them with real-valued targets, and the bend slows or stops learning at the extremes. Regression outputs are usually linear.",
      outOfReach:
        "The targets reach {{targets}}, beyond what the output activation '{{activation}}' can produce ({{range}}). {{loss}} can never fall to zero on them, and the gradient vanishes as predictions press against the limit. Make the output linear, or scale the targets into the activation's range.",
      removeActivation: 'Make the output linear (remove the activation)',
      lossHere: 'the regression loss is chosen here',
    },
    fix: 'suggestion',
  },
  check(context) {
    for (const model of context.graph.models) {
      // Class labels make it a classifier with the wrong loss; an autoencoder's targets are its own
      // inputs, whose range the activation may well match.
      if (!compiledLossTrains(model) || trainedOnClasses(model) || trainedToReconstructInputs(model)) continue;
      for (const compile of model.compiles) {
        for (const head of outputHeads(model)) {
          const activation = head.activation;
          if (!activation.known || activation.name === 'linear') continue;
          // A softmax over several units is a classifier given the wrong loss: another rule's concern.
          if (activation.name === 'softmax' && !(head.units.known && head.units.value === 1)) continue;
          const loss = lossForOutput(compile, head.index, layerName(head.layer));
          if (!loss.known || !isRegressionLoss(loss)) continue;
          const reach = reachable(activation.name);
          const targets = model.fits.map((fit) => expectedRange(fit.y)).filter((range): range is Interval => range !== undefined);
          if (reach && targets.length > 0 && targets.every((range) => within(range, reach))) continue;
          // Targets known to go beyond what the output can produce: the loss can never reach zero.
          const beyond = reach ? model.fits.map((fit) => knownRange(fit.y)).find((range) => range !== undefined && !within(range, reach)) : undefined;
          // A probability output whose accuracy is tracked is a classifier (0/1 targets, which the
          // activation spans) given a regression loss: regression-loss-on-classifier says so.
          if (!beyond && PROBABILITY_OUTPUTS.has(activation.name) && tracksAccuracy(compile)) continue;
          const span = activationSpan(activation);
          const text = context.text(span.file);
          const suggestions: FixProposal<MessageId>[] = [];
          const entry = activation.entry;
          if (entry?.state === 'present' && entry.property.span) {
            const isActivationLayer = layerFacts(activation.layer.factory)?.role === 'activation';
            const valueSpan = entry.property.valueSpan;
            if (!isActivationLayer) {
              suggestions.push({ messageId: 'removeActivation', edits: [removeProperty(text, entry.property.span)] });
            } else if (isStringLiteralAt(text, valueSpan)) {
              suggestions.push({ messageId: 'removeActivation', edits: [replaceString(text, valueSpan, 'linear')] });
            }
          }
          const range = RANGES[activation.name];
          context.report({
            messageId: beyond ? 'outOfReach' : range ? 'bounded' : 'bent',
            data: { activation: activation.name, loss: lossLabel(loss), ...(range ? { range } : {}), ...(beyond ? { targets: formatInterval(beyond) } : {}) },
            severity: beyond ? 'error' : 'warning',
            span,
            related: loss.span ? [{ span: loss.span, message: rule.meta.messages.lossHere }] : [],
            suggestions,
          });
        }
      }
    }
  },
});

export default rule;
