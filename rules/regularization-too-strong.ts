import { configEntry, configValue } from './core/config';
import { compiledLossTrains, modelsWith } from './core/model';
import { defineRule } from './core/rule';
import { type Span } from './core/span';
import type { Value } from './core/values';

type MessageId = 'strong';

const REGULARIZER_OPTIONS = ['kernelRegularizer', 'biasRegularizer', 'activityRegularizer', 'recurrentRegularizer', 'depthwiseRegularizer', 'pointwiseRegularizer', 'embeddingsRegularizer'];
/** Penalty weights from which the penalty usually outweighs the data loss. */
const LIMITS: Readonly<Record<string, number>> = { l1: 0.01, l2: 0.1 };

function penalties(value: Value): { kind: string; weight: number; span: Span | undefined }[] {
  if (value.kind !== 'tfObject' || !/^regularizers\.(l1|l2|l1l2)$/.test(value.path)) return [];
  const found: { kind: string; weight: number; span: Span | undefined }[] = [];
  for (const kind of ['l1', 'l2']) {
    const weight = configValue(value.args[0], kind);
    if (weight?.kind === 'primitive' && typeof weight.value === 'number') {
      const entry = configEntry(value.args[0], kind);
      found.push({ kind, weight: weight.value, span: entry.state === 'present' ? (entry.property.valueSpan ?? weight.span) : weight.span });
    }
  }
  return found;
}

const rule = defineRule<MessageId>({
  meta: {
    id: 'regularization-too-strong',
    category: 'architecture',
    severity: 'warning',
    description: 'An L1 or L2 penalty strong enough to outweigh the loss',
    messages: {
      strong:
        'An {{kind}} penalty of {{weight}} is strong. It pulls the weights towards zero harder than the data pulls them anywhere, so the model underfits and the training loss stays high. Typical values are 1e-4 to 1e-2 for L2 and 1e-5 to 1e-3 for L1.',
    },
    fix: 'none',
  },
  check(context) {
    for (const layer of context.graph.layers) {
      // tfjs adds the penalties to the loss only in fit; custom training code that does not add
      // model.losses itself never feels them.
      const models = modelsWith(context.graph, layer);
      if (models.length > 0 && !models.some(compiledLossTrains)) continue;
      for (const option of REGULARIZER_OPTIONS) {
        const value = configValue(layer.config, option);
        if (!value) continue;
        for (const penalty of penalties(value)) {
          if (!penalty.span || penalty.weight < LIMITS[penalty.kind]!) continue;
          context.report({ messageId: 'strong', data: { kind: penalty.kind.toUpperCase(), weight: penalty.weight }, span: penalty.span });
        }
      }
    }
  },
});

export default rule;
