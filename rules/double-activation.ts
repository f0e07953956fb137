import { configEntry } from './core/config';
import { removeProperty } from './core/edits';
import type { LayerNode } from './core/graph';
import { layerEdges } from './core/model';
import { defineRule } from './core/rule';
import { type Span } from './core/span';
import { layerFacts } from './core/tfjs';

type MessageId = 'twice' | 'removeFirst' | 'firstHere';

/** The activation a layer applies, when known, and where it is written. */
function appliedActivation(layer: LayerNode): { name: string; property?: { span: Span } } | undefined {
  const facts = layerFacts(layer.factory);
  if (!facts) return undefined;
  if (facts.role === 'activation' && facts.fixedActivation) return { name: facts.fixedActivation };
  if (facts.role !== 'activation' && facts.defaultActivation === undefined) return undefined;
  const entry = configEntry(layer.config, 'activation');
  if (entry.state === 'absent') return facts.defaultActivation ? { name: facts.defaultActivation } : undefined;
  if (entry.state !== 'present' || entry.value.kind !== 'primitive' || typeof entry.value.value !== 'string') return undefined;
  return { name: entry.value.value, ...(entry.property.span ? { property: { span: entry.property.span } } : {}) };
}

const rule = defineRule<MessageId>({
  meta: {
    id: 'double-activation',
    category: 'architecture',
    severity: 'warning',
    description: 'An activation applied right after another one',
    messages: {
      twice:
        "'{{second}}' is applied to the output of '{{first}}'. Two non-linear activations in a row squash the signal twice (softmax of probabilities, sigmoid of values already in (0, 1)), which flattens the outputs and shrinks the gradient. Keep one of them.",
      removeFirst: "Remove the '{{first}}' activation of the layer before",
      firstHere: 'the first activation is applied here',
    },
    fix: 'suggestion',
  },
  check(context) {
    for (const model of context.graph.models) {
      for (const { from, to } of layerEdges(model)) {
        if (layerFacts(to.factory)?.role !== 'activation') continue;
        const first = appliedActivation(from);
        const second = appliedActivation(to);
        if (!first || !second || first.name === 'linear' || second.name === 'linear') continue;
        // ReLU applied to ReLU outputs changes nothing: redundant, not harmful.
        if (first.name === second.name && (first.name === 'relu' || first.name === 'relu6')) continue;
        const firstSpan = first.property?.span ?? from.span;
        const removable = first.property && layerFacts(from.factory)?.role !== 'activation';
        context.report({
          messageId: 'twice',
          data: { first: first.name, second: second.name },
          span: to.span,
          related: [{ span: firstSpan, message: rule.meta.messages.firstHere }],
          suggestions: removable ? [{ messageId: 'removeFirst', data: { first: first.name }, edits: [removeProperty(context.text(firstSpan.file), firstSpan)] }] : [],
        });
      }
    }
  },
});

export default rule;
