import type { Fact } from './model';
import { layerOwnerIndex, modelLayers } from './model';
import { derivedOnce, type CompileNode, type FitNode, type GradientNode, type GraphEvent, type LayerNode, type ModelNode, type ProgramGraph } from './graph';
import { configEntry } from './config';
import { layerFacts } from './tfjs';
import type { TensorValue, Value } from './values';

/**
 * How each model is trained, as tfjs does it.
 *
 * A model is trained by `fit`, `fitDataset` or `trainOnBatch`, where its compiled loss, metrics and the
 * layers' regularizers apply; or by custom gradient code (`optimizer.minimize(f)`, `tf.variableGrads(f)`),
 * where only the function's own loss counts and the updated variables are the variable list given or
 * else every trainable variable.
 *
 * What is trainable follows tfjs (tfjs-layers 4.x), which differs from Keras:
 * - `layer.trainable = v` sets the layer's own flag and the trainable flag of each of its variables;
 *   `model.trainable = v` sets the model's own flag and the flag of the variables of its direct layers,
 *   but not of models nested in it as layers (their layers keep their flags).
 * - `compile` collects the weights that are trainable then (none of a model whose flag is false, none of
 *   a layer whose flag is false).
 * - Every training step passes its variables to `variableGrads`, which drops those whose flag is false
 *   at that moment, and throws when none is left.
 *
 * So a `fit` updates the weights collected at the last compile whose flag is still true: freezing after
 * compile takes effect at once, unfreezing after compile does not until the next compile. A custom
 * step updates the weights whose flag is true when it runs.
 */

// ---- what a loss is computed from ----------------------------------------------------------------

/** Tensor operations whose result carries no gradient back to their operands. */
const NO_GRADIENT_OPS: ReadonlySet<string> = new Set([
  'tensor', 'tensor1d', 'tensor2d', 'tensor3d', 'tensor4d', 'tensor5d', 'tensor6d', 'scalar', 'zeros', 'ones', 'fill',
  'zerosLike', 'onesLike', 'eye', 'range', 'linspace', 'randomNormal', 'randomUniform', 'truncatedNormal', 'oneHot',
  'multinomial', 'argMax', 'argMin', 'equal', 'notEqual', 'greater', 'greaterEqual', 'less', 'lessEqual', 'logicalAnd',
  'logicalOr', 'logicalNot', 'labels',
]);

export interface LossReach {
  /** The model outputs (`predict`, `apply`, `call`) the loss is computed from, by model. */
  readonly outputs: ReadonlyMap<ModelNode, readonly TensorValue[]>;
  /** The `tf.variable`s the loss is computed from. */
  readonly variables: readonly TensorValue[];
  /** Layers applied to concrete tensors on the way (their weights). */
  readonly layers: readonly TensorValue[];
  /**
   * The loss may also depend on values the analysis does not know (a parameter, the result of code it
   * cannot see), any of which could be a variable.
   */
  readonly open: boolean;
}

/**
 * What a loss is computed from through tensor operations. Values read back from tensors
 * (`dataSync()`) and the tensors made from them (`tf.tensor(values)`) are constants for tfjs: the
 * walk stops at the factories that make them.
 */
export function lossReach(result: Value): LossReach {
  const outputs = new Map<ModelNode, TensorValue[]>();
  const variables: TensorValue[] = [];
  const layers: TensorValue[] = [];
  let open = false;
  const seen = new Set<Value>();
  const pending: Value[] = [result];
  while (pending.length > 0) {
    const value = pending.pop()!;
    if (seen.has(value)) continue;
    seen.add(value);
    switch (value.kind) {
      case 'tensor': {
        if (NO_GRADIENT_OPS.has(value.op)) break;
        if (value.op === 'variable') {
          variables.push(value);
          break;
        }
        if (value.model && (value.op === 'predict' || value.op === 'apply')) {
          outputs.set(value.model, [...(outputs.get(value.model) ?? []), value]);
          // The input of the model may itself come from another model (a critic applied to an actor's action).
          if (value.args[0]) pending.push(value.args[0]);
          break;
        }
        if (value.op.startsWith('layer.')) layers.push(value);
        pending.push(...value.args);
        break;
      }
      case 'array':
        if (!value.complete) open = true;
        pending.push(...value.elements);
        break;
      case 'unknown':
        open = true;
        break;
      case 'promise':
        pending.push(value.value);
        break;
      default:
        // Numbers, strings, config objects, functions: not tensors a gradient can flow through.
        break;
    }
  }
  return { outputs, variables, layers, open };
}

/** Whether the loss is known to be computed from no weight at all through tensor operations. */
export function reachesNoWeights(reach: LossReach): boolean {
  return !reach.open && reach.outputs.size === 0 && reach.variables.length === 0 && reach.layers.length === 0;
}

// ---- variable lists ----------------------------------------------------------------------------

export type VariableList =
  | { readonly kind: 'all' }
  | { readonly kind: 'listed'; readonly models: ReadonlySet<ModelNode>; readonly variables: readonly TensorValue[] }
  | { readonly kind: 'unknown' };

/** The variables a gradient call updates or returns gradients for, before tfjs drops the frozen ones. */
export function variableList(gradient: GradientNode): VariableList {
  if (gradient.varList === undefined) return { kind: 'all' };
  const models = new Set<ModelNode>();
  const variables: TensorValue[] = [];
  const pending: Value[] = [gradient.varList];
  while (pending.length > 0) {
    const value = pending.pop()!;
    if (value.kind === 'tfObject' && value.weightsOf) models.add(value.weightsOf);
    else if (value.kind === 'tensor' && value.op === 'variable') variables.push(value);
    else if (value.kind === 'array' && value.complete) pending.push(...value.elements);
    else return { kind: 'unknown' };
  }
  return { kind: 'listed', models, variables };
}

// ---- trainable state ---------------------------------------------------------------------------

type Flag = boolean | undefined;

type TrainableEvent = Extract<GraphEvent, { kind: 'trainable' }>;

/** Key of the graph's `trainable` events in program order, gathered once (rules ask for them per layer). */
const TRAINABLE_EVENTS = {};

/** The `trainable` assignments that ran before `order`. */
function trainableEvents(graph: ProgramGraph, order: number): readonly TrainableEvent[] {
  const all = derivedOnce(graph, TRAINABLE_EVENTS, () =>
    graph.events.filter((event): event is TrainableEvent => event.kind === 'trainable').sort((a, b) => a.order - b.order),
  );
  if (all.length === 0) return all;
  let end = 0;
  while (end < all.length && all[end]!.order < order) end++;
  return end === all.length ? all : all.slice(0, end);
}

function booleanOf(value: Value): Flag {
  return value.kind === 'primitive' && typeof value.value === 'boolean' ? value.value : undefined;
}

/** The state after an event: a certain event sets it, an event on some paths only keeps what it agrees with. */
function apply(state: Flag, event: { readonly value: Value; readonly conditional: boolean }): Flag {
  const value = booleanOf(event.value);
  if (!event.conditional) return value;
  return value !== undefined && value === state ? state : undefined;
}

function initialLayerFlag(layer: LayerNode): Flag {
  const entry = configEntry(layer.config, 'trainable');
  if (entry.state === 'absent') return true;
  if (entry.state === 'unknown') return undefined;
  return booleanOf(entry.value);
}

/** Key of the graph's index of the models each layer is known to be a direct layer of. */
const LAYER_OWNERS = {};

/** The models the graph knows `layer` to be a direct layer of. */
function ownersOf(graph: ProgramGraph, layer: LayerNode): ModelNode[] {
  return derivedOnce(graph, LAYER_OWNERS, () => layerOwnerIndex(graph, knownLayers)).get(layer) ?? [];
}

/**
 * The layers known to be direct layers of a model, even when others may be missing: the known slots of
 * a sequential model, and for a functional model the layers between its outputs and inputs, without
 * going into the models applied as layers on the way.
 */
export function knownLayers(model: ModelNode): LayerNode[] {
  if (model.kind === 'sequential') return model.slots.flatMap((slot) => (slot.layer ? [slot.layer] : []));
  const found = new Set<LayerNode>();
  const seen = new Set<Value>();
  const pending: Value[] = model.outputs ? [model.outputs] : [];
  while (pending.length > 0) {
    const value = pending.pop()!;
    if (seen.has(value)) continue;
    seen.add(value);
    if (value.kind === 'array') pending.push(...value.elements);
    if (value.kind !== 'symbolic') continue;
    if (value.layer) found.add(value.layer);
    if (value.from) pending.push(value.from);
  }
  return [...found];
}

/** The layers of a model whose structure is fully known and holds no nested model; undefined otherwise. */
export function directLayers(model: ModelNode): LayerNode[] | undefined {
  if (model.kind === 'sequential') {
    if (model.incomplete.length > 0 || model.slots.some((slot) => !slot.layer)) return undefined;
    return modelLayers(model);
  }
  if (model.kind === 'functional') {
    const layers = modelLayers(model);
    return layers.length > 0 ? layers : undefined;
  }
  return undefined;
}

/** The trainable flag of a layer's variables just before `order`. */
export function variableFlag(graph: ProgramGraph, layer: LayerNode, order: number): Flag {
  let state = initialLayerFlag(layer);
  const events = trainableEvents(graph, order);
  // Most programs never set a trainable flag: the models that own the layer are then not needed.
  if (events.length === 0) return state;
  const owners = ownersOf(graph, layer);
  for (const event of events) {
    if (event.layer === layer || (event.model && owners.includes(event.model))) state = apply(state, event);
  }
  return state;
}

/** The layer's own trainable flag just before `order` (what `compile` reads together with the variables' flags). */
function layerOwnFlag(graph: ProgramGraph, layer: LayerNode, order: number): Flag {
  let state = initialLayerFlag(layer);
  for (const event of trainableEvents(graph, order)) if (event.layer === layer) state = apply(state, event);
  return state;
}

/** The model's own trainable flag just before `order`. */
export function modelOwnFlag(graph: ProgramGraph, model: ModelNode, order: number): Flag {
  let state: Flag = true;
  for (const event of trainableEvents(graph, order)) if (event.model === model) state = apply(state, event);
  return state;
}

/** Whether a layer has weights: undefined for a layer tfjs-doctor does not know. */
export function hasWeights(layer: LayerNode): boolean | undefined {
  const role = layerFacts(layer.factory)?.role;
  if (role === undefined || role === 'other') return undefined;
  return role === 'learnable' || role === 'embedding' || role === 'normalization';
}

export interface FitWeights {
  /** The layers with weights of the model. */
  readonly weighted: readonly LayerNode[];
  /** The layers whose weights the fit updates. */
  readonly trained: readonly LayerNode[];
  /** Layers frozen when the model was compiled and unfrozen since: they stay frozen in this fit. */
  readonly unfrozenSinceCompile: readonly LayerNode[];
}

/** Key of the graph's answers of `fitWeights`, by fit and model. */
const FIT_WEIGHTS = {};

/**
 * Which weights a `fit` (or `fitDataset`, `trainOnBatch`) updates: those collected by the compile in
 * effect whose flag is still true. Unknown when the model's structure, the compile or a flag is.
 */
export function fitWeights(graph: ProgramGraph, model: ModelNode, fit: FitNode): Fact<FitWeights> {
  // Several rules ask about the same fit: worked out once per fit and model.
  const byFit = derivedOnce(graph, FIT_WEIGHTS, () => new Map<FitNode, Map<ModelNode, Fact<FitWeights>>>());
  let byModel = byFit.get(fit);
  if (!byModel) byFit.set(fit, (byModel = new Map<ModelNode, Fact<FitWeights>>()));
  let weights = byModel.get(model);
  if (!weights) byModel.set(model, (weights = computeFitWeights(graph, model, fit)));
  return weights;
}


function computeFitWeights(graph: ProgramGraph, model: ModelNode, fit: FitNode): Fact<FitWeights> {
  const compile: CompileNode | undefined = fit.compile;
  if (!compile) return { known: false, reason: 'no compile is known before this fit' };
  const layers = directLayers(model);
  if (!layers) return { known: false, reason: 'the layers of the model are not all known' };
  const weighted: LayerNode[] = [];
  for (const layer of layers) {
    const weights = hasWeights(layer);
    if (weights === undefined) return { known: false, reason: `the weights of a ${layer.factory} layer are not known` };
    if (weights && !weighted.includes(layer)) weighted.push(layer);
  }
  const modelAtCompile = modelOwnFlag(graph, model, compile.order);
  if (modelAtCompile === undefined) return { known: false, reason: 'whether the model was trainable at compile is not known' };
  const trained: LayerNode[] = [];
  const unfrozenSinceCompile: LayerNode[] = [];
  for (const layer of weighted) {
    const ownAtCompile = layerOwnFlag(graph, layer, compile.order);
    const flagAtCompile = variableFlag(graph, layer, compile.order);
    const flagAtFit = variableFlag(graph, layer, fit.order);
    if (ownAtCompile === undefined || flagAtCompile === undefined || flagAtFit === undefined) {
      return { known: false, reason: 'whether a layer is trainable is not known' };
    }
    const collected = modelAtCompile && ownAtCompile && flagAtCompile;
    if (collected && flagAtFit) trained.push(layer);
    else if (!collected && flagAtFit) unfrozenSinceCompile.push(layer);
  }
  return { known: true, weighted, trained, unfrozenSinceCompile };
}

/**
 * Whether a gradient call updates (or computes gradients for) the weights of `model`: its variable
 * list includes them (or none is given) and some of them are trainable when it runs.
 */
export function trainsModel(graph: ProgramGraph, gradient: GradientNode, model: ModelNode): boolean | undefined {
  if (gradient.wrt === 'inputs') return false;
  if (gradient.api === 'model.compile') return gradient.model === model;
  const list = variableList(gradient);
  if (list.kind === 'unknown') return undefined;
  if (list.kind === 'listed' && !list.models.has(model)) return false;
  const layers = directLayers(model);
  const known = layers ?? knownLayers(model);
  let unknownLayer = layers === undefined;
  for (const layer of known) {
    const weights = hasWeights(layer);
    if (weights === false) continue;
    const flag = variableFlag(graph, layer, gradient.order);
    if (flag === true && weights === true) return true;
    if (flag === undefined || weights === undefined) unknownLayer = true;
  }
  return unknownLayer ? undefined : false;
}
