import { classIndexLabels } from './core/data';
import { lossDomain } from './core/domains';
import { factsOf, formatInterval, formatNumber, isUnbounded, within, type TensorFacts } from './core/facts';
import { lossForOutput, outputHeads } from './core/model';
import { defineRule } from './core/rule';

type MessageId = 'notProbabilities' | 'notWholeIds' | 'negativeIds' | 'idsBeyondOutput' | 'lossHere';

/** A label value the facts know of that is not a whole number. */
function fraction(facts: TensorFacts): number | undefined {
  return (facts.distinct ?? facts.values)?.find((value) => !Number.isInteger(value));
}

const rule = defineRule<MessageId>({
  meta: {
    id: 'labels-outside-loss-domain',
    category: 'data',
    severity: 'error',
    description: 'Labels outside what the loss accepts: beyond [0, 1], or class ids the output has no unit for',
    messages: {
      notProbabilities:
        'The labels reach {{range}}, but {{loss}} reads each label as a probability in [0, 1]. Beyond that range the loss can turn negative and its gradient pushes the outputs the wrong way, so the model does not learn. Class ids 0, 1, 2, ... need sparseCategoricalCrossentropy with a softmax output of one unit per class (or one-hot labels); amounts or percentages need scaling into [0, 1].',
      notWholeIds:
        'The labels include {{value}}, which is not a whole class id. sparseCategoricalCrossentropy expects whole class ids: tfjs casts them to integers, so {{value}} silently counts as class {{truncated}}. Give the class id of each sample.',
      negativeIds:
        'The labels include {{value}}, but class ids start at 0. tfjs one-hot encodes a negative id as all zeros, so those samples add nothing to the loss and teach the model nothing.',
      idsBeyondOutput:
        'The labels include class {{value}}, beyond the classes 0 to {{last}} of the output. The output has {{units}} units: tfjs one-hot encodes an id beyond the output as all zeros, so those samples teach the model nothing. Give the output one unit per class.',
      lossHere: 'the loss is chosen here',
    },
    fix: 'none',
  },
  check(context) {
    for (const model of context.graph.models) {
      const heads = outputHeads(model);
      const head = heads.length === 1 ? heads[0] : undefined;
      for (const fit of model.fits) {
        const facts = factsOf(fit.y);
        if (!fit.compile || !facts) continue;
        const loss = lossForOutput(fit.compile, 0, undefined);
        if (!loss.known || loss.form !== 'string') continue;
        const domain = lossDomain(loss.name);
        if (!domain) continue;
        const related = loss.span ? [{ span: loss.span, message: rule.meta.messages.lossHere }] : [];
        const report = (messageId: Exclude<MessageId, 'lossHere'>, data: Record<string, string | number>): void => {
          context.report({ messageId, data, span: facts.origin, related });
        };
        if (domain.classIndices) {
          const notWhole = fraction(facts);
          const units = head?.units.known ? head.units.value : undefined;
          if (notWhole !== undefined) report('notWholeIds', { value: formatNumber(notWhole), truncated: Math.trunc(notWhole) });
          else if (!facts.integer) continue;
          else if (Number.isFinite(facts.range.lo) && facts.range.lo < 0) report('negativeIds', { value: formatNumber(facts.range.lo) });
          else if (units !== undefined && units > 1 && Number.isFinite(facts.range.hi) && facts.range.hi >= units) report('idsBeyondOutput', { value: formatNumber(facts.range.hi), units, last: units - 1 });
          continue;
        }
        // Class ids given to categorical cross-entropy are an encoding mismatch: label-encoding-mismatch.
        if (domain.distributions && classIndexLabels(fit.y)) continue;
        if (!isUnbounded(facts.range) && Number.isFinite(facts.range.lo) && Number.isFinite(facts.range.hi) && !within(facts.range, domain.labels)) {
          report('notProbabilities', { range: formatInterval(facts.range), loss: loss.name });
        }
      }
    }
  },
});

export default rule;
