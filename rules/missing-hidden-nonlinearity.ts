import { configEntry, configObject } from './core/config';
import { insertProperty, isStringLiteralAt, replaceString } from './core/edits';
import type { LayerNode } from './core/graph';
import { layerEdges } from './core/model';
import { defineRule } from './core/rule';
import { containsSpan } from './core/span';
import { layerFacts } from './core/tfjs';

type MessageId = 'collapses' | 'addRelu' | 'nextLayer';

/** Layers that keep a linear map linear (dropout, normalization, reshaping). */
const LINEAR_ROLES = new Set(['passThrough', 'normalization', 'reshape']);

function unitsOf(layer: LayerNode): number | undefined {
  const key = layerFacts(layer.factory)?.unitsKey;
  const entry = key ? configEntry(layer.config, key) : undefined;
  return entry?.state === 'present' && entry.value.kind === 'primitive' && typeof entry.value.value === 'number' ? entry.value.value : undefined;
}

function isLinearDense(layer: LayerNode): boolean {
  if (layer.factory !== 'dense') return false;
  const entry = configEntry(layer.config, 'activation');
  return entry.state === 'absent' || (entry.state === 'present' && entry.value.kind === 'primitive' && entry.value.value === 'linear');
}

/** The next dense layer after `layer` when only linear layers separate them, or undefined. */
function nextDenseThroughLinear(layer: LayerNode, edges: ReturnType<typeof layerEdges>): LayerNode | undefined {
  let current = layer;
  for (let steps = 0; steps < 8; steps++) {
    const next = edges.filter((edge) => edge.from === current).map((edge) => edge.to);
    if (next.length !== 1) return undefined;
    const candidate = next[0]!;
    if (candidate.factory === 'dense') return candidate;
    if (!LINEAR_ROLES.has(layerFacts(candidate.factory)?.role ?? '')) return undefined;
    current = candidate;
  }
  return undefined;
}

const rule = defineRule<MessageId>({
  meta: {
    id: 'missing-hidden-nonlinearity',
    category: 'architecture',
    severity: 'warning',
    description: 'Dense layers stacked without an activation between them',
    messages: {
      collapses:
        'This hidden dense layer has no activation, so it adds no power. The next dense layer follows it directly: two linear maps in a row are a single linear map, so the hidden layer adds parameters but no power, and the model cannot learn anything a single layer could not. Give the hidden layer an activation such as relu.',
      addRelu: "Add activation: 'relu'",
      nextLayer: 'the next dense layer',
    },
    fix: 'suggestion',
  },
  check(context) {
    for (const model of context.graph.models) {
      const edges = layerEdges(model);
      for (const layer of new Set(edges.map((edge) => edge.from))) {
        if (!isLinearDense(layer)) continue;
        const next = nextDenseThroughLinear(layer, edges);
        if (!next) continue;
        const units = unitsOf(layer);
        const nextUnits = unitsOf(next);
        // A linear layer narrower than the next one is a deliberate bottleneck (an embedding, a latent code).
        if (units === undefined || nextUnits === undefined || units < nextUnits) continue;
        const object = configObject(layer.config);
        const entry = configEntry(layer.config, 'activation');
        const valueSpan = entry.state === 'present' ? entry.property.valueSpan : undefined;
        const edit =
          object?.span && entry.state === 'absent' && containsSpan(layer.span, object.span)
            ? insertProperty(context.text(object.span.file), object.span, 'activation', "'relu'")
            : valueSpan && isStringLiteralAt(context.text(valueSpan.file), valueSpan)
              ? replaceString(context.text(valueSpan.file), valueSpan, 'relu')
              : undefined;
        context.report({
          messageId: 'collapses',
          span: layer.span,
          related: [{ span: next.span, message: rule.meta.messages.nextLayer }],
          suggestions: edit ? [{ messageId: 'addRelu', edits: [edit] }] : [],
        });
      }
    }
  },
});

export default rule;
