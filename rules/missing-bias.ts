import { configEntry } from './core/config';
import { removeProperty } from './core/edits';
import type { LayerNode, ModelNode } from './core/graph';
import { nextLayers } from './core/model';
import { defineRule } from './core/rule';
import { layerFacts } from './core/tfjs';

type MessageId = 'noBias' | 'removeUseBias' | 'nextLayer' | 'outputLayer';

/** Whether a normalization layer follows `layer` in `model`, looking through activations and dropout. */
function normalizationFollows(model: ModelNode, layer: LayerNode, depth = 0): boolean | undefined {
  if (depth > 8) return undefined;
  const next = nextLayers(model, layer);
  if (!next.known) return undefined;
  let anyUnknown = false;
  for (const consumer of next.layers) {
    const role = layerFacts(consumer.factory)?.role;
    if (role === undefined) return undefined;
    if (role === 'normalization') return true;
    if (role === 'activation' || role === 'passThrough') {
      const further = normalizationFollows(model, consumer, depth + 1);
      if (further === true) return true;
      if (further === undefined) anyUnknown = true;
    }
  }
  return anyUnknown ? undefined : false;
}

const rule = defineRule<MessageId>({
  meta: {
    id: 'missing-bias',
    category: 'architecture',
    severity: 'warning',
    description: 'A dense or convolution layer without a bias that no normalization layer makes up for',
    messages: {
      noBias:
        "This {{factory}} layer has no bias, so each of its units can only draw a line (or plane) through the origin, and no batch or layer normalization after it adds the offset back. Leave the bias on unless a normalization layer follows.",
      removeUseBias: 'Give the layer its bias back (remove `useBias: false`)',
      nextLayer: 'the next layer is not a normalization layer',
      outputLayer: 'this layer is the model output',
    },
    fix: 'safe',
    options: {},
  },
  check(context) {
    const modelsOf = new Map<LayerNode, ModelNode[]>();
    for (const model of context.graph.models) {
      for (const slot of model.slots) if (slot.layer) modelsOf.set(slot.layer, [...(modelsOf.get(slot.layer) ?? []), model]);
      if (model.kind === 'functional') {
        for (const layer of context.graph.layers) {
          if (layer.applications.length > 0 && !modelsOf.get(layer)?.includes(model)) {
            modelsOf.set(layer, [...(modelsOf.get(layer) ?? []), model]);
          }
        }
      }
    }
    for (const layer of context.graph.layers) {
      if (!layerFacts(layer.factory)?.hasBias || layerFacts(layer.factory)?.role !== 'learnable') continue;
      if (layer.factory === 'simpleRNN' || layer.factory === 'lstm' || layer.factory === 'gru' || layer.factory === 'convLstm2d') continue;
      const entry = configEntry(layer.config, 'useBias');
      if (entry.state !== 'present' || entry.value.kind !== 'primitive' || entry.value.value !== false || !entry.property.span) continue;
      const verdicts = (modelsOf.get(layer) ?? [])
        .map((model) => ({ model, follows: normalizationFollows(model, layer), next: nextLayers(model, layer) }))
        .filter((verdict) => verdict.follows !== undefined);
      if (verdicts.length === 0 || verdicts.some((verdict) => verdict.follows)) continue;
      const first = verdicts[0]!;
      const nextLayer = first.next.known ? first.next.layers[0] : undefined;
      context.report({
        messageId: 'noBias',
        data: { factory: layer.factory },
        span: entry.property.span,
        related: [nextLayer ? { span: nextLayer.span, message: rule.meta.messages.nextLayer } : { span: layer.span, message: rule.meta.messages.outputLayer }],
        fix: { messageId: 'removeUseBias', edits: [removeProperty(context.text(entry.property.span.file), entry.property.span)] },
      });
    }
  },
});

export default rule;
