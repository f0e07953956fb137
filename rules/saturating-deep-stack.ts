import { configEntry } from './core/config';
import type { LayerNode } from './core/graph';
import { isOutputLayer, modelLayers } from './core/model';
import { defineRule } from './core/rule';
import { type Span } from './core/span';
import { layerFacts } from './core/tfjs';

type MessageId = 'vanishing';

const SATURATING = new Set(['sigmoid', 'tanh', 'hardSigmoid', 'softsign']);
/** From this many saturating hidden layers without normalization, gradients fade noticeably. */
const DEPTH = 4;

function saturatingActivation(layer: LayerNode): { name: string; span: Span } | undefined {
  const facts = layerFacts(layer.factory);
  if (facts?.role !== 'learnable' || facts.defaultActivation !== 'linear') return undefined;
  const entry = configEntry(layer.config, 'activation');
  if (entry.state !== 'present' || entry.value.kind !== 'primitive' || typeof entry.value.value !== 'string' || !SATURATING.has(entry.value.value)) return undefined;
  const span = entry.property.valueSpan ?? entry.value.span;
  return span ? { name: entry.value.value, span } : undefined;
}

const rule = defineRule<MessageId>({
  meta: {
    id: 'saturating-deep-stack',
    category: 'architecture',
    severity: 'warning',
    description: 'A deep stack of sigmoid or tanh layers without normalization',
    messages: {
      vanishing:
        'This deep stack of saturating layers lets the gradient vanish. The model stacks {{count}} hidden layers with saturating activations ({{names}}) and no normalization. Their derivatives are at most 0.25 (sigmoid) or 1 (tanh) and much less once units saturate, so the gradient shrinks at every layer and the first layers barely learn. Use relu-like activations, or add batch normalization.',
    },
    fix: 'none',
  },
  check(context) {
    for (const model of context.graph.models) {
      if (model.incomplete.length > 0) continue;
      const layers = modelLayers(model);
      if (layers.some((layer) => layerFacts(layer.factory)?.role === 'normalization')) continue;
      const hidden = layers.filter((layer) => !isOutputLayer([model], layer)).map(saturatingActivation).filter((found) => found !== undefined);
      if (hidden.length < DEPTH) continue;
      context.report({ messageId: 'vanishing', data: { count: hidden.length, names: [...new Set(hidden.map((found) => found.name))].join(', ') }, span: hidden[0]!.span });
    }
  },
});

export default rule;
