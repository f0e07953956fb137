import { configEntry } from './core/config';
import { removeProperty } from './core/edits';
import { isOutputLayer, modelsWith } from './core/model';
import { defineRule } from './core/rule';
import { layerFacts } from './core/tfjs';
import type { Value } from './core/values';

type MessageId = 'symmetric' | 'useDefault';

const CONSTANT_NAMES = new Set(['zeros', 'ones', 'constant', 'Zeros', 'Ones', 'Constant']);

function constantInitializer(value: Value): string | undefined {
  if (value.kind === 'primitive' && typeof value.value === 'string' && CONSTANT_NAMES.has(value.value)) return value.value;
  if (value.kind === 'tfObject' && /^initializers\.(zeros|ones|constant)$/.test(value.path)) return `tf.${value.path}()`;
  return undefined;
}

const rule = defineRule<MessageId>({
  meta: {
    id: 'constant-kernel-initializer',
    category: 'architecture',
    severity: 'error',
    description: 'A hidden layer whose weights all start at the same value',
    messages: {
      symmetric:
        "With a {{initializer}} kernel, the units of this layer can never differ. Every unit starts with the same weights, receives the same gradient and stays identical to the others: the layer behaves like a single unit however wide it is. Use a random initializer (tfjs's default, glorotNormal, is fine).",
      useDefault: 'Use the default random initializer (remove kernelInitializer)',
    },
    fix: 'suggestion',
  },
  check(context) {
    for (const layer of context.graph.layers) {
      if (layerFacts(layer.factory)?.role !== 'learnable') continue;
      const entry = configEntry(layer.config, 'kernelInitializer');
      if (entry.state !== 'present') continue;
      const initializer = constantInitializer(entry.value);
      const span = entry.property.valueSpan ?? entry.value.span;
      if (!initializer || !span) continue;
      const units = layerFacts(layer.factory)?.unitsKey ? configEntry(layer.config, layerFacts(layer.factory)!.unitsKey!) : undefined;
      if (units?.state === 'present' && units.value.kind === 'primitive' && units.value.value === 1) continue;
      // Only hidden layers: an output layer starting at zero still learns, since its units get different errors.
      const models = modelsWith(context.graph, layer);
      if (models.length === 0 || isOutputLayer(models, layer)) continue;
      context.report({
        messageId: 'symmetric',
        data: { initializer },
        span,
        suggestions: entry.property.span ? [{ messageId: 'useDefault', edits: [removeProperty(context.text(entry.property.span.file), entry.property.span)] }] : [],
      });
    }
  },
});

export default rule;
