import { configEntry, type ConfigEntry } from './config';
import { derivedOnce, type CompileNode, type LayerNode, type ModelNode, type ProgramGraph } from './graph';
import { spanKey, type Span } from './span';
import { layerFacts } from './tfjs';
import type { Value } from './values';

/**
 * Questions rules ask about a model's structure, answered only as far as the graph is known:
 * every answer is either known or unknown with a reason.
 */

export type Fact<T> = ({ readonly known: true } & T) | { readonly known: false; readonly reason: string };

export type ActivationFact = Fact<{
  readonly name: string;
  /** The layer that applies it. */
  readonly layer: LayerNode;
  /** The `activation` option of that layer: present (the written value) or absent (the default). Undefined for
   *  activation layers whose factory fixes the function, like `tf.layers.softmax()`. */
  readonly entry?: ConfigEntry & { state: 'present' | 'absent' };
}>;

export type UnitsFact = Fact<{ readonly value: number; readonly layer: LayerNode; readonly span: Span | undefined }>;

export interface OutputHead {
  /** The position of this output among the model's outputs. */
  readonly index: number;
  /** The layer that produces the output. */
  readonly layer: LayerNode;
  /** The last activation applied on the way to the output. */
  readonly activation: ActivationFact;
  /** The size of the output's last dimension. */
  readonly units: UnitsFact;
}

/** The layers leading to one output, from the output backwards, as far as they are certain. */
interface Chain {
  readonly layers: readonly LayerNode[];
  /** Why the chain stops before the model's input, if it does. */
  readonly cut?: string;
}

function sequentialChain(model: ModelNode): Chain | undefined {
  const layers: LayerNode[] = [];
  for (let i = model.slots.length - 1; i >= 0; i--) {
    const slot = model.slots[i]!;
    if (!slot.layer) return i === model.slots.length - 1 ? undefined : { layers, cut: 'a layer the extractor could not read' };
    if (slot.conditional || slot.repeated) {
      return i === model.slots.length - 1 ? undefined : { layers, cut: 'a layer added on only some paths' };
    }
    layers.push(slot.layer);
  }
  return { layers };
}

function functionalChain(output: Value): Chain | undefined {
  if (output.kind !== 'symbolic' || !output.layer) return undefined;
  // A state a recurrent layer returns (an LSTM's cell state is not bounded as its output is).
  if (output.output !== undefined && output.output > 0) return { layers: [], cut: 'a state of a recurrent layer' };
  const layers: LayerNode[] = [];
  let current: Value | undefined = output;
  while (current && current.kind === 'symbolic' && current.layer) {
    layers.push(current.layer);
    current = current.from;
  }
  if (current && current.kind === 'symbolic' && current.model) return { layers, cut: 'a model applied as a layer' };
  if (current && current.kind === 'symbolic') return { layers };
  return { layers, cut: 'an input the extractor could not follow' };
}

function modelChains(model: ModelNode): (Chain | undefined)[] {
  if (model.kind === 'sequential') {
    if (model.slots.length === 0) return [];
    return [sequentialChain(model)];
  }
  if (model.kind === 'functional' && model.outputs) {
    const outputs = model.outputs;
    if (outputs.kind === 'array') return outputs.complete ? outputs.elements.map(functionalChain) : [];
    return [functionalChain(outputs)];
  }
  return [];
}

function activationOf(chain: Chain): ActivationFact {
  for (const layer of chain.layers) {
    const facts = layerFacts(layer.factory);
    if (!facts) return { known: false, reason: `unfamiliar layer ${layer.factory}` };
    if (facts.role === 'activation') {
      if (facts.fixedActivation) return { known: true, name: facts.fixedActivation, layer };
      return activationOption(layer, undefined);
    }
    if (facts.defaultActivation !== undefined) return activationOption(layer, facts.defaultActivation);
    if (facts.role === 'normalization') return { known: true, name: 'linear', layer };
    if (facts.role === 'passThrough' || facts.role === 'pooling' || facts.role === 'reshape') continue;
    return { known: false, reason: `the output comes from a ${layer.factory} layer` };
  }
  return { known: false, reason: chain.cut ?? 'the output layer is not known' };
}

function activationOption(layer: LayerNode, defaultActivation: string | undefined): ActivationFact {
  const entry = configEntry(layer.config, 'activation');
  if (entry.state === 'unknown') return { known: false, reason: entry.reason };
  if (entry.state === 'absent') {
    if (defaultActivation === undefined) return { known: false, reason: 'the activation layer names no function' };
    return { known: true, name: defaultActivation, layer, entry };
  }
  if (entry.value.kind === 'primitive' && typeof entry.value.value === 'string') {
    return { known: true, name: entry.value.value, layer, entry };
  }
  return { known: false, reason: 'the activation is not a known string' };
}

function unitsOf(chain: Chain): UnitsFact {
  for (const layer of chain.layers) {
    const facts = layerFacts(layer.factory);
    if (!facts) return { known: false, reason: `unfamiliar layer ${layer.factory}` };
    if (facts.unitsKey) {
      const entry = configEntry(layer.config, facts.unitsKey);
      if (entry.state === 'present' && entry.value.kind === 'primitive' && typeof entry.value.value === 'number') {
        return { known: true, value: entry.value.value, layer, span: entry.property.valueSpan ?? entry.value.span };
      }
      return { known: false, reason: `the ${facts.unitsKey} of ${layer.factory} is not known` };
    }
    if (!facts.keepsLastDim) return { known: false, reason: `${layer.factory} changes the output size` };
  }
  return { known: false, reason: chain.cut ?? 'the output layer is not known' };
}

/** The model's outputs whose producing layer is known, with their activation and size. */
export function outputHeads(model: ModelNode): OutputHead[] {
  const heads: OutputHead[] = [];
  modelChains(model).forEach((chain, index) => {
    const layer = chain?.layers[0];
    if (!chain || !layer) return;
    heads.push({ index, layer, activation: activationOf(chain), units: unitsOf(chain) });
  });
  return heads;
}

/** How many outputs the model has, when known. */
export function outputCount(model: ModelNode): number | undefined {
  if (model.kind === 'sequential') return model.slots.length > 0 ? 1 : undefined;
  const outputs = model.outputs;
  if (!outputs) return undefined;
  if (outputs.kind === 'array') return outputs.complete ? outputs.elements.length : undefined;
  return outputs.kind === 'symbolic' ? 1 : undefined;
}

export type NextLayers = Fact<{ readonly layers: readonly LayerNode[]; readonly isOutput: boolean }>;

/**
 * The layers that consume `layer`'s output inside `model`, and whether the output is also a model
 * output. Unknown when a consumer or the layer's position is uncertain.
 */
export function nextLayers(model: ModelNode, layer: LayerNode): NextLayers {
  if (model.kind === 'sequential') {
    const index = model.slots.findIndex((slot) => slot.layer === layer);
    if (index < 0) return { known: false, reason: 'the layer is not in this model' };
    const slot = model.slots[index]!;
    if (slot.conditional || slot.repeated) return { known: false, reason: 'the layer is added on only some paths' };
    if (model.slots.slice(0, index).some((s) => s.layer === layer)) return { known: false, reason: 'the layer is added twice' };
    const next = model.slots[index + 1];
    if (!next) return { known: true, layers: [], isOutput: true };
    if (!next.layer || next.conditional || next.repeated) return { known: false, reason: 'the next layer is not certain' };
    return { known: true, layers: [next.layer], isOutput: false };
  }
  if (model.kind !== 'functional' || !model.outputs) return { known: false, reason: 'the model structure is not known' };
  const layers = functionalLayers(model);
  if (!layers) return { known: false, reason: 'the model structure is not known' };
  if (!layers.includes(layer)) return { known: false, reason: 'the layer is not in this model' };
  const outputsOfLayer = new Set<Value>(layer.applications.map((application) => application.output));
  const consumers = layers.filter((candidate) =>
    candidate.applications.some((application) => consumes(application.input, outputsOfLayer)),
  );
  const outputList = model.outputs.kind === 'array' ? model.outputs.elements : [model.outputs];
  const isOutput = outputList.some((output) => outputsOfLayer.has(output));
  return { known: true, layers: consumers, isOutput };
}

function consumes(input: Value, produced: ReadonlySet<Value>): boolean {
  if (produced.has(input)) return true;
  return input.kind === 'array' && input.elements.some((element) => produced.has(element));
}

/** Every layer between a functional model's inputs and outputs, or undefined if some path is not known. */
export function functionalLayers(model: ModelNode): LayerNode[] | undefined {
  if (!model.outputs) return undefined;
  const found = new Set<LayerNode>();
  const pending: Value[] = model.outputs.kind === 'array' ? [...model.outputs.elements] : [model.outputs];
  if (model.outputs.kind === 'array' && !model.outputs.complete) return undefined;
  while (pending.length > 0) {
    const value = pending.pop()!;
    if (value.kind === 'array') {
      if (!value.complete) return undefined;
      pending.push(...value.elements);
      continue;
    }
    if (value.kind !== 'symbolic' || value.model) return undefined;
    if (!value.layer) continue;
    if (found.has(value.layer)) continue;
    found.add(value.layer);
    if (!value.from) return undefined;
    pending.push(value.from);
  }
  return [...found];
}

/** Every layer known to be part of the model, in order for sequential models. */
export function modelLayers(model: ModelNode): LayerNode[] {
  if (model.kind === 'sequential') return model.slots.flatMap((slot) => (slot.layer ? [slot.layer] : []));
  return functionalLayers(model) ?? [];
}

export type LossFact = Fact<{
  /** `string` for a loss named by string, `path` for a `tf.losses.*`/`tf.metrics.*` function, `custom` for user code. */
  readonly form: 'string' | 'path' | 'custom';
  /** The loss string, or the function's path (`losses.meanSquaredError`); empty for custom losses. */
  readonly name: string;
  /** Where the loss is written for this output. */
  readonly span: Span | undefined;
}>;

/** The loss `compile` assigns to output `index` of a model with `outputs` outputs. */
export function lossForOutput(compile: CompileNode, index: number, outputName: string | undefined): LossFact {
  const entry = configEntry(compile.config, 'loss');
  if (entry.state !== 'present') return { known: false, reason: 'compile sets no readable loss' };
  let value = entry.value;
  let span = entry.property.valueSpan ?? value.span;
  if (value.kind === 'array') {
    if (!value.complete) return { known: false, reason: 'the list of losses is not known' };
    const element = value.elements[index];
    if (!element) return { known: false, reason: 'no loss for this output' };
    value = element;
    span = element.span;
  } else if (value.kind === 'object') {
    const property = outputName === undefined ? undefined : value.props.get(outputName);
    if (!property) return { known: false, reason: 'no loss for this output' };
    value = property.value;
    span = property.valueSpan ?? property.value.span;
  }
  return lossOfValue(value, span);
}

function lossOfValue(value: Value, span: Span | undefined): LossFact {
  if (value.kind === 'primitive' && typeof value.value === 'string') {
    return { known: true, form: 'string', name: value.value, span };
  }
  if (value.kind === 'tf') return { known: true, form: 'path', name: value.path, span };
  if (value.kind === 'function') return { known: true, form: 'custom', name: '', span };
  return { known: false, reason: 'the loss is not a known value' };
}

/** The `name` option of a layer, when it is a known string. */
export function layerName(layer: LayerNode): string | undefined {
  const entry = configEntry(layer.config, 'name');
  return entry.state === 'present' && entry.value.kind === 'primitive' && typeof entry.value.value === 'string'
    ? entry.value.value
    : undefined;
}

/** Where an output activation is written: the `activation` value, or the activation layer's call. */
export function activationSpan(activation: ActivationFact & { known: true }): Span {
  if (activation.entry?.state === 'present') {
    return activation.entry.property.valueSpan ?? activation.entry.value.span ?? activation.layer.span;
  }
  return activation.layer.span;
}

/** Whether `loss` names binary cross-entropy (as a string or as the tf.metrics function). */
export function isBinaryCrossentropy(loss: LossFact & { known: true }): boolean {
  return (loss.form === 'string' && loss.name === 'binaryCrossentropy') || (loss.form === 'path' && loss.name === 'metrics.binaryCrossentropy');
}

/** Every loss value written in a compile config (one, a list per output, or an object by output name). */
export function compileLossValues(compile: CompileNode): { readonly value: Value; readonly span: Span | undefined }[] {
  const entry = configEntry(compile.config, 'loss');
  if (entry.state !== 'present') return [];
  const value = entry.value;
  if (value.kind === 'array') return value.elements.map((element) => ({ value: element, span: element.span }));
  if (value.kind === 'object') return [...value.props.values()].map((property) => ({ value: property.value, span: property.valueSpan ?? property.value.span }));
  return [{ value, span: entry.property.valueSpan ?? value.span }];
}

/**
 * Whether the loss, metrics and regularizers given to `compile` take part in training the model: tfjs
 * applies them only in `fit`, `fitDataset` and `trainOnBatch`. A model that custom gradient code trains
 * and that is never fitted is trained by that code's own loss; its compile options are unused (an
 * actor compiled with a mean squared error and trained by `optimizer.minimize`). A model with neither
 * may be fitted by code the analysis does not see, so its compile still counts.
 */
export function compiledLossTrains(model: ModelNode): boolean {
  if (model.fits.length > 0) return true;
  return !model.gradients.some((gradient) => gradient.wrt === 'variables' && gradient.api !== 'model.compile');
}

/** An output of a compiled model with the loss that trains it. */
export interface TrainedOutput {
  readonly model: ModelNode;
  readonly compile: CompileNode;
  readonly head: OutputHead;
  readonly loss: LossFact & { known: true };
}

/** Every (compile, output) pair whose loss is known, over all models of the graph. */
export function trainedOutputs(models: readonly ModelNode[]): TrainedOutput[] {
  const pairs: TrainedOutput[] = [];
  for (const model of models) {
    const heads = model.compiles.length > 0 && compiledLossTrains(model) ? outputHeads(model) : [];
    for (const compile of model.compiles) {
      for (const head of heads) {
        const loss = lossForOutput(compile, head.index, layerName(head.layer));
        if (loss.known) pairs.push({ model, compile, head, loss });
      }
    }
  }
  return pairs;
}

/** The loss names that expect probabilities over classes. */
export function isCategoricalLoss(loss: LossFact & { known: true }): boolean {
  return loss.form === 'string' && (loss.name === 'categoricalCrossentropy' || loss.name === 'sparseCategoricalCrossentropy');
}

/** A connection from one layer to the next inside a model. */
export interface LayerEdge {
  readonly from: LayerNode;
  readonly to: LayerNode;
}

/** The certain connections between the layers of a model. */
export function layerEdges(model: ModelNode): LayerEdge[] {
  if (model.kind === 'sequential') {
    const edges: LayerEdge[] = [];
    for (let i = 0; i + 1 < model.slots.length; i++) {
      const from = model.slots[i]!;
      const to = model.slots[i + 1]!;
      if (!from.layer || !to.layer || from.conditional || to.conditional || from.repeated || to.repeated) continue;
      edges.push({ from: from.layer, to: to.layer });
    }
    return edges;
  }
  const layers = functionalLayers(model) ?? [];
  const edges: LayerEdge[] = [];
  for (const to of layers) {
    for (const application of to.applications) {
      const inputs = application.input.kind === 'array' ? application.input.elements : [application.input];
      for (const input of inputs) if (input.kind === 'symbolic' && input.layer && layers.includes(input.layer)) edges.push({ from: input.layer, to });
    }
  }
  return edges;
}

/**
 * Every layer of the given kinds that some model follows directly by a layer of the other kinds:
 * each such layer once, with the first successor found.
 */
export function layersFollowedBy(models: readonly ModelNode[], from: ReadonlySet<string>, to: ReadonlySet<string>): LayerEdge[] {
  // Keyed by where the layer is written: a factory called twice makes two nodes for one line.
  const found = new Map<string, LayerEdge>();
  for (const model of models) {
    for (const edge of layerEdges(model)) {
      const key = spanKey(edge.from.span);
      if (from.has(edge.from.factory) && to.has(edge.to.factory) && !found.has(key)) found.set(key, edge);
    }
  }
  return [...found.values()];
}

/** Whether `layer` produces an output of any model in `models`. */
export function isOutputLayer(models: readonly ModelNode[], layer: LayerNode): boolean {
  return models.some((model) => outputHeads(model).some((head) => head.layer === layer));
}

/**
 * For each layer, the models of the graph whose `layersOf` holds it: an index rules build once per
 * graph (looking through every model for every layer would grow with the square of a program's size).
 */
export function layerOwnerIndex(graph: ProgramGraph, layersOf: (model: ModelNode) => readonly LayerNode[]): Map<LayerNode, ModelNode[]> {
  const owners = new Map<LayerNode, ModelNode[]>();
  for (const model of graph.models) {
    for (const member of new Set(layersOf(model))) {
      const list = owners.get(member);
      if (list) list.push(model);
      else owners.set(member, [model]);
    }
  }
  return owners;
}

/** Key of the graph's index of the models each layer belongs to. */
const LAYER_MODELS = {};

/** The models that contain `layer`. */
export function modelsWith(graph: ProgramGraph, layer: LayerNode): ModelNode[] {
  return derivedOnce(graph, LAYER_MODELS, () => layerOwnerIndex(graph, modelLayers)).get(layer) ?? [];
}

/** Metrics that count correct classes, by the names `compile` takes and their `tf.metrics` functions. */
const ACCURACY_METRICS = new Set(['accuracy', 'acc', 'binaryAccuracy', 'categoricalAccuracy', 'sparseCategoricalAccuracy']);

/**
 * Whether `compile` asks tfjs to track an accuracy metric: the author means the model to sort
 * samples into classes (tfjs computes binary accuracy for a one-unit output, categorical otherwise).
 */
export function tracksAccuracy(compile: CompileNode): boolean {
  const metrics = configEntry(compile.config, 'metrics');
  if (metrics.state !== 'present') return false;
  const value = metrics.value;
  const list = value.kind === 'array' ? value.elements : value.kind === 'object' ? [...value.props.values()].map((property) => property.value) : [value];
  return list.some((metric) => {
    const elements = metric.kind === 'array' ? metric.elements : [metric];
    return elements.some((element) => (element.kind === 'primitive' && typeof element.value === 'string' && ACCURACY_METRICS.has(element.value)) || (element.kind === 'tf' && ACCURACY_METRICS.has(element.path.replace(/^metrics\./, ''))));
  });
}
