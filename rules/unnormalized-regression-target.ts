import { SQUARED_ERROR_LOSSES } from './core/domains';
import { factsOf, finiteMagnitude } from './core/facts';
import { lossForOutput } from './core/model';
import { defineRule } from './core/rule';
import { REGRESSION_LOSS_NAMES, REGRESSION_LOSS_PATHS } from './core/tfjs';

type MessageId = 'largeTargets';

/** Targets beyond this are unscaled. */
const LARGE = 100;

const rule = defineRule<MessageId>({
  meta: {
    id: 'unnormalized-regression-target',
    category: 'data',
    severity: 'warning',
    description: 'Regression targets with large values that are not scaled',
    messages: {
      largeTargets:
        'The targets go up to {{max}}. With a squared-error loss that means errors in the millions at the start: the first updates are huge and the learning rate has to be tiny to stay stable. Scale the targets (and scale predictions back) to train faster and more reliably.',
    },
    fix: 'none',
  },
  check(context) {
    for (const model of context.graph.models) {
      for (const fit of model.fits) {
        const facts = factsOf(fit.y);
        if (!fit.compile || !facts) continue;
        const loss = lossForOutput(fit.compile, 0, undefined);
        if (!loss.known) continue;
        const regression = loss.form === 'string' ? REGRESSION_LOSS_NAMES.has(loss.name) : loss.form === 'path' && REGRESSION_LOSS_PATHS.has(loss.name);
        const max = finiteMagnitude(facts.range);
        if (!regression || max === undefined || max < LARGE) continue;
        // Squared errors of that size make the first updates huge: a likely failure, not advice.
        const squared = SQUARED_ERROR_LOSSES.has(loss.form === 'path' ? loss.name : loss.name);
        context.report({ messageId: 'largeTargets', data: { max }, span: facts.origin, severity: squared ? 'warning' : 'info' });
      }
    }
  },
});

export default rule;
