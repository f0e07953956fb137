import { labelsAreClasses } from './core/data';
import { setLossEdit } from './core/fixes';
import { tracksAccuracy, trainedOutputs } from './core/model';
import { defineRule } from './core/rule';
import { REGRESSION_LOSS_NAMES, REGRESSION_LOSS_PATHS } from './core/tfjs';

type MessageId = 'softmaxClassifier' | 'sigmoidClassifier' | 'useCategorical' | 'useBinary' | 'outputHere';

/**
 * Whether a sigmoid output is trained on yes/no labels: labels known to be classes, or labels not
 * known to be anything else when the compile tracks accuracy (the author means it to classify).
 */
function yesNoLabels(labels: readonly (boolean | undefined)[], accuracyTracked: boolean): boolean {
  if (labels.some((classes) => classes === true)) return true;
  return accuracyTracked && labels.every((classes) => classes !== false);
}

const rule = defineRule<MessageId>({
  meta: {
    id: 'regression-loss-on-classifier',
    category: 'loss-and-output',
    severity: 'warning',
    description: 'A regression loss such as meanSquaredError on a classifier',
    messages: {
      softmaxClassifier:
        '{{loss}} treats the softmax probabilities as numbers to regress. When the model is confidently wrong, softmax saturates and the squared error gives almost no gradient, so training stalls; cross-entropy keeps a strong gradient there. Use categoricalCrossentropy (or sparseCategoricalCrossentropy for integer labels).',
      sigmoidClassifier:
        '{{loss}} makes this yes/no classifier learn slowly. On a sigmoid output trained with 0/1 labels, when the prediction is confidently wrong the sigmoid saturates and the squared error gives almost no gradient. binaryCrossentropy is the loss for yes/no outputs.',
      useCategorical: "Use the 'categoricalCrossentropy' loss",
      useBinary: "Use the 'binaryCrossentropy' loss",
      outputHere: 'the classifier output',
    },
    fix: 'suggestion',
  },
  check(context) {
    for (const { model, compile, head, loss } of trainedOutputs(context.graph.models)) {
      const isRegression = loss.form === 'string' ? REGRESSION_LOSS_NAMES.has(loss.name) : loss.form === 'path' && REGRESSION_LOSS_PATHS.has(loss.name);
      if (!isRegression || !head.activation.known || !loss.span) continue;
      const name = loss.form === 'path' ? `tf.${loss.name}` : loss.name;
      const related = [{ span: head.layer.span, message: rule.meta.messages.outputHere }];
      if (head.activation.name === 'softmax' && head.units.known && head.units.value > 1) {
        const categorical = setLossEdit(context.text, loss, 'categoricalCrossentropy');
        context.report({
          messageId: 'softmaxClassifier',
          data: { loss: name },
          span: loss.span,
          related,
          suggestions: categorical ? [{ messageId: 'useCategorical', edits: [categorical] }] : [],
        });
      } else if (head.activation.name === 'sigmoid' && yesNoLabels(model.fits.map((fit) => labelsAreClasses(fit.y)), tracksAccuracy(compile))) {
        const binary = setLossEdit(context.text, loss, 'binaryCrossentropy');
        context.report({
          messageId: 'sigmoidClassifier',
          data: { loss: name },
          span: loss.span,
          severity: 'info',
          related,
          suggestions: binary ? [{ messageId: 'useBinary', edits: [binary] }] : [],
        });
      }
    }
  },
});

export default rule;
