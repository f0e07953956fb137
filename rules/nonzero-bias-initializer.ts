import { configEntry, configValue } from './core/config';
import { removeProperty } from './core/edits';
import { isOutputLayer, modelsWith } from './core/model';
import { defineRule } from './core/rule';
import type { Value } from './core/values';

type MessageId = 'nonzero' | 'useZeros';

/** A description of a bias initializer that does not start at zero, or undefined. */
function nonzero(value: Value): string | undefined {
  if (value.kind === 'primitive' && typeof value.value === 'string') {
    return /^(zeros|Zeros)$/.test(value.value) ? undefined : `'${value.value}'`;
  }
  if (value.kind === 'tfObject' && value.path.startsWith('initializers.')) {
    if (value.path === 'initializers.zeros') return undefined;
    if (value.path === 'initializers.constant') {
      const constant = configValue(value.args[0], 'value');
      if (constant?.kind === 'primitive' && constant.value === 0) return undefined;
      if (constant?.kind !== 'primitive') return undefined;
    }
    return `tf.${value.path}()`;
  }
  return undefined;
}

const rule = defineRule<MessageId>({
  meta: {
    id: 'nonzero-bias-initializer',
    category: 'architecture',
    severity: 'info',
    description: 'A hidden layer whose biases do not start at zero',
    messages: {
      nonzero:
        'This bias starts non-zero, though biases normally start at zero. The random kernel already breaks the symmetry between units, and a non-zero or random start ({{initializer}}) shifts every activation before training begins, which can saturate or silence units.',
      useZeros: 'Start the biases at zero (remove biasInitializer)',
    },
    fix: 'suggestion',
  },
  check(context) {
    for (const layer of context.graph.layers) {
      const entry = configEntry(layer.config, 'biasInitializer');
      if (entry.state !== 'present') continue;
      const description = nonzero(entry.value);
      const span = entry.property.valueSpan ?? entry.value.span;
      if (!description || !span) continue;
      // Output biases set to the class priors are a deliberate, common choice.
      const models = modelsWith(context.graph, layer);
      if (models.length === 0 || isOutputLayer(models, layer)) continue;
      if (/lstm|gru|simpleRNN/.test(layer.factory)) continue;
      context.report({
        messageId: 'nonzero',
        data: { initializer: description },
        span,
        suggestions: entry.property.span ? [{ messageId: 'useZeros', edits: [removeProperty(context.text(entry.property.span.file), entry.property.span)] }] : [],
      });
    }
  },
});

export default rule;
