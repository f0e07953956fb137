import { configEntry } from './core/config';
import { isStringLiteralAt, replaceString } from './core/edits';
import { compiledLossTrains, lossForOutput, outputHeads } from './core/model';
import { defineRule } from './core/rule';
import { REGRESSION_LOSS_NAMES, REGRESSION_LOSS_PATHS } from './core/tfjs';

type MessageId = 'meaningless' | 'useMse';

const PROBABILITY = new Set(['sigmoid', 'softmax', 'hardSigmoid']);

const rule = defineRule<MessageId>({
  meta: {
    id: 'accuracy-metric-on-regression',
    category: 'loss-and-output',
    severity: 'info',
    description: "An 'accuracy' metric on a model trained with a regression loss",
    messages: {
      meaningless:
        "'{{metric}}' means nothing for a regression. It counts predictions that round to the target: tfjs picks binary accuracy for a one-unit output and reports a number that never reflects progress. Track the error instead, for example 'mse' or 'mae'.",
      useMse: "Track 'mse' instead",
    },
    fix: 'suggestion',
  },
  check(context) {
    for (const model of context.graph.models) {
      // Metrics are computed by fit and evaluate; custom training code never reads them.
      if (!compiledLossTrains(model)) continue;
      for (const compile of model.compiles) {
        const loss = lossForOutput(compile, 0, undefined);
        if (!loss.known || configEntry(compile.config, 'loss').state !== 'present') continue;
        const regression = loss.form === 'string' ? REGRESSION_LOSS_NAMES.has(loss.name) : loss.form === 'path' && REGRESSION_LOSS_PATHS.has(loss.name);
        if (!regression) continue;
        // A probability output trained with a regression loss is a classifier with the wrong loss
        // (regression-loss-on-classifier); its accuracy means something.
        const heads = outputHeads(model);
        if (heads.length === 0 || heads.some((head) => !head.activation.known || PROBABILITY.has(head.activation.name))) continue;
        const metrics = configEntry(compile.config, 'metrics');
        if (metrics.state !== 'present') continue;
        const list = metrics.value.kind === 'array' ? metrics.value.elements : [metrics.value];
        for (const metric of list) {
          if (metric.kind !== 'primitive' || (metric.value !== 'accuracy' && metric.value !== 'acc') || !metric.span) continue;
          const text = context.text(metric.span.file);
          context.report({
            messageId: 'meaningless',
            data: { metric: metric.value },
            span: metric.span,
            suggestions: isStringLiteralAt(text, metric.span) ? [{ messageId: 'useMse', edits: [replaceString(text, metric.span, 'mse')] }] : [],
          });
        }
      }
    }
  },
});

export default rule;
