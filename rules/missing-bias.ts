import { configEntry } from './core/config';
import { removeProperty } from './core/edits';
import type { LayerNode, ModelNode } from './core/graph';
import { nextLayers } from './core/model';
import { defineRule } from './core/rule';
import { layerFacts } from './core/tfjs';

type MessageId = 'noBias' | 'noBiasHidden' | 'removeUseBias' | 'nextLayer' | 'outputLayer';

/** Layers a normalization can follow and still cancel a bias: they shift along with their input. */
const TRANSPARENT: ReadonlySet<string | undefined> = new Set(['activation', 'passThrough', 'pooling', 'reshape']);

/** Whether a normalization layer follows `layer` in `model`, looking through activations, dropout, pooling and reshapes. */
function normalizationFollows(model: ModelNode, layer: LayerNode, depth = 0): boolean | undefined {
  if (depth > 8) return undefined;
  const next = nextLayers(model, layer);
  if (!next.known) return undefined;
  let anyUnknown = false;
  for (const consumer of next.layers) {
    const role = layerFacts(consumer.factory)?.role;
    if (role === undefined) return undefined;
    if (role === 'normalization') return true;
    if (TRANSPARENT.has(role)) {
      const further = normalizationFollows(model, consumer, depth + 1);
      if (further === true) return true;
      if (further === undefined) anyUnknown = true;
    }
  }
  return anyUnknown ? undefined : false;
}

/**
 * Whether an earlier layer can supply the missing offset: a learnable layer with a bias, or a
 * normalization layer (which adds a learned shift), on the path from the model's input. False when
 * the layer sees the raw input or only bias-free layers; undefined when the path is not known.
 */
function offsetUpstream(model: ModelNode, layer: LayerNode): boolean | undefined {
  const predecessors = layersBefore(model, layer);
  if (!predecessors) return undefined;
  for (const previous of predecessors) {
    const facts = layerFacts(previous.factory);
    if (!facts) return undefined;
    if (facts.role === 'normalization') return true;
    if (facts.role === 'learnable' || facts.role === 'embedding') {
      const useBias = configEntry(previous.config, 'useBias');
      if (useBias.state === 'absent') return facts.hasBias === true;
      if (useBias.state === 'unknown' || useBias.value.kind !== 'primitive') return undefined;
      if (useBias.value.value !== false) return true;
    } else if (!TRANSPARENT.has(facts.role) && facts.role !== 'other') {
      return undefined;
    }
  }
  return false;
}

/** Whether `layer` applies no activation (its option is absent, with a linear default, or 'linear'). */
function isLinear(layer: LayerNode): boolean {
  const facts = layerFacts(layer.factory);
  const entry = configEntry(layer.config, 'activation');
  if (entry.state === 'absent') return facts?.defaultActivation === 'linear';
  return entry.state === 'present' && entry.value.kind === 'primitive' && entry.value.value === 'linear';
}

/** Whether a layer has its bias: the option absent on a layer that has one by default, or true. */
function keepsBias(layer: LayerNode): boolean {
  const facts = layerFacts(layer.factory);
  if (facts?.role !== 'learnable' || !facts.hasBias) return false;
  const entry = configEntry(layer.config, 'useBias');
  return entry.state === 'absent' || (entry.state === 'present' && entry.value.kind === 'primitive' && entry.value.value === true);
}

/** Layers that pass an offset on unchanged up to a scale: reshaping and dropout. */
const LINEAR_THROUGH: ReadonlySet<string | undefined> = new Set(['passThrough', 'reshape']);

/**
 * Whether every consumer of a linear `layer` adds a bias of its own right after it (possibly after
 * reshaping or dropout): `W2 (W1 x) + b2` learns any offset `W2 (W1 x + b1) + b2` could, so the first
 * layer's bias would be redundant.
 */
function biasFollows(model: ModelNode, layer: LayerNode, depth = 0): boolean {
  if (depth > 8) return false;
  const next = nextLayers(model, layer);
  if (!next.known || next.isOutput || next.layers.length === 0) return false;
  return next.layers.every((consumer) => keepsBias(consumer) || (LINEAR_THROUGH.has(layerFacts(consumer.factory)?.role) && biasFollows(model, consumer, depth + 1)));
}

/**
 * Whether every `fit` of the model gives it inputs with a column that holds the same nonzero value in
 * every row (polynomial features `[1, x, x², ...]`, a design matrix with an intercept column): the
 * weight of that column is the bias.
 */
function inputsCarryBias(model: ModelNode): boolean {
  return model.fits.length > 0 && model.fits.every((fit) => fit.x.kind === 'tensor' && (fit.x.facts.constantColumns ?? []).some((value) => value !== undefined && value !== 0));
}

/** The layers between the model input and `layer`, nearest first; undefined when the path is not certain. */
function layersBefore(model: ModelNode, layer: LayerNode): LayerNode[] | undefined {
  if (model.kind === 'sequential') {
    const index = model.slots.findIndex((slot) => slot.layer === layer);
    const before = model.slots.slice(0, Math.max(index, 0)).reverse();
    if (index < 0 || before.some((slot) => !slot.layer || slot.conditional || slot.repeated)) return undefined;
    return before.map((slot) => slot.layer!);
  }
  const chain: LayerNode[] = [];
  let current: LayerNode = layer;
  for (let steps = 0; steps < 1000; steps++) {
    if (current.applications.length !== 1) return undefined;
    const input = current.applications[0]!.input;
    if (input.kind !== 'symbolic' || input.model) return undefined;
    if (!input.layer) return input.inputConfig ? chain : undefined;
    chain.push(input.layer);
    current = input.layer;
  }
  return undefined;
}

const rule = defineRule<MessageId>({
  meta: {
    id: 'missing-bias',
    category: 'architecture',
    severity: 'warning',
    description: 'A dense or convolution layer without a bias that no normalization layer makes up for',
    messages: {
      noBias:
        "This {{factory}} layer has no bias. Each of its units can only draw a line (or plane) through the origin, and no batch or layer normalization after it adds the offset back. Leave the bias on unless a normalization layer follows.",
      noBiasHidden:
        'This {{factory}} layer has no bias and no normalization layer follows it. Any offset it needs must be carried by units of the layers before it. Leave the bias on unless a normalization layer follows.',
      removeUseBias: 'Give the layer its bias back (remove `useBias: false`)',
      nextLayer: 'the next layer is not a normalization layer',
      outputLayer: 'this layer is the model output',
    },
    fix: 'safe',
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
      // A linear layer whose consumers all have a bias: the offset is learned one layer later.
      if (isLinear(layer) && verdicts.every((verdict) => biasFollows(verdict.model, layer))) continue;
      const first = verdicts[0]!;
      const nextLayer = first.next.known ? first.next.layers[0] : undefined;
      // With a biased layer upstream the offset can still be learned, only less directly.
      const rawInput = verdicts.every((verdict) => offsetUpstream(verdict.model, layer) === false);
      // The data supplies the offset itself when the layer sees inputs with a constant column.
      if (rawInput && verdicts.every((verdict) => inputsCarryBias(verdict.model))) continue;
      context.report({
        messageId: rawInput ? 'noBias' : 'noBiasHidden',
        severity: rawInput ? 'warning' : 'info',
        data: { factory: layer.factory },
        span: entry.property.span,
        related: [nextLayer ? { span: nextLayer.span, message: rule.meta.messages.nextLayer } : { span: layer.span, message: rule.meta.messages.outputLayer }],
        fix: { messageId: 'removeUseBias', edits: [removeProperty(context.text(entry.property.span.file), entry.property.span)] },
      });
    }
  },
});

export default rule;
