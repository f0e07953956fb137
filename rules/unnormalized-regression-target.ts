import { numericLeaves } from './core/data';
import { lossForOutput } from './core/model';
import { defineRule } from './core/rule';
import { spanKey } from './core/span';
import { REGRESSION_LOSS_NAMES, REGRESSION_LOSS_PATHS } from './core/tfjs';

type MessageId = 'largeTargets';

const rule = defineRule<MessageId>({
  meta: {
    id: 'unnormalized-regression-target',
    category: 'data',
    severity: 'info',
    description: 'Regression targets with large values that are not scaled',
    messages: {
      largeTargets:
        'The targets go up to {{max}}. With a squared-error loss that means errors in the millions at the start: the first updates are huge and the learning rate has to be tiny to stay stable. Scale the targets (and scale predictions back) to train faster and more reliably.',
    },
    fix: 'none',
    options: {},
  },
  check(context) {
    const seen = new Set<string>();
    for (const model of context.graph.models) {
      for (const fit of model.fits) {
        const targets = fit.y;
        if (!fit.compile || targets?.kind !== 'tensor' || !/^tensor\dd?$|^tensor$/.test(targets.op)) continue;
        const loss = lossForOutput(fit.compile, 0, undefined);
        const regression = loss.known && (loss.form === 'string' ? REGRESSION_LOSS_NAMES.has(loss.name) : loss.form === 'path' && REGRESSION_LOSS_PATHS.has(loss.name));
        const leaves = targets.args[0] ? numericLeaves(targets.args[0]) : undefined;
        if (!regression || !leaves || leaves.length === 0 || seen.has(spanKey(targets.span))) continue;
        const max = Math.max(...leaves.map(Math.abs));
        if (max < 100) continue;
        seen.add(spanKey(targets.span));
        context.report({ messageId: 'largeTargets', data: { max }, span: targets.span });
      }
    }
  },
});

export default rule;
