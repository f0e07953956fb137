/**
 * Turns models of the model graph into specs the worker can rebuild with real tfjs, without running
 * the user's code. Only fully known models get a spec; anything unknown is reported as the reason.
 */
import type { CompileNode, LayerNode, ModelNode, ProgramGraph } from '../../rules/core/graph';
import { configValue } from '../../rules/core/config';
import { modelLayers } from '../../rules/core/model';
import type { Span } from '../../rules/core/span';
import type { Value } from '../../rules/core/values';
import type { GraphNodeSpec, LayerSpec, ModelSpec, ModelTarget, SpecValue } from './types';

/** Factories of config values the worker may call to rebuild a layer or an optimizer. */
const REBUILDABLE = /^(initializers|regularizers|constraints|train)\.[A-Za-z0-9]+$/;
/** Loss and metric functions a compile config may name directly (`loss: tf.losses.meanSquaredError`). */
const LOSS_REFERENCE = /^(losses|metrics)\.[A-Za-z0-9]+$/;

class NotRebuildable extends Error {}

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];

/**
 * Names of the parts of a config in words, for the reasons a model cannot be rebuilt:
 * `inputShape` of `the config of the conv2d layer at line 4` is `the input shape of the conv2d
 * layer at line 4`, and its entry 0 `the first dimension of the input shape of ...`.
 */
function propertyOf(what: string, key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return `the ${words} of ${what.replace(/^the config of /, '')}`;
}

function entryOf(what: string, index: number): string {
  const kind = /^the (\w+ )*shape\b/.test(what) ? 'dimension' : 'entry';
  return `the ${ORDINALS[index] ?? `${index + 1}th`} ${kind} of ${what}`;
}

/** A config value as JSON, or an error naming what is not known. */
function toSpecValue(value: Value, what: string): SpecValue {
  switch (value.kind) {
    case 'primitive':
      if (value.value === undefined) return null;
      if (typeof value.value === 'number' && !Number.isFinite(value.value)) throw new NotRebuildable(`${what} is not a finite number`);
      return value.value;
    case 'array':
      if (!value.complete) throw new NotRebuildable(`${what} is not fully known`);
      return value.elements.map((element, index) => toSpecValue(element, entryOf(what, index)));
    case 'object': {
      if (!value.complete) throw new NotRebuildable(`${what} is not fully known`);
      const out: Record<string, SpecValue> = {};
      for (const [key, property] of value.props) {
        out[key] = toSpecValue(property.value, propertyOf(what, key));
      }
      return out;
    }
    case 'tfObject':
      if (!REBUILDABLE.test(value.path)) throw new NotRebuildable(`${what} is tf.${value.path}(), which the static build cannot recreate`);
      return { $tf: value.path, args: value.args.map((arg, index) => toSpecValue(arg, `the ${ORDINALS[index] ?? `${index + 1}th`} argument of tf.${value.path}() in ${what.replace(/^the config of /, '')}`)) };
    case 'tf':
      if (!LOSS_REFERENCE.test(value.path)) throw new NotRebuildable(`${what} is tf.${value.path}`);
      return { $tfRef: value.path };
    case 'function':
      throw new NotRebuildable(`${what} is a function of the code (run the check in execute mode)`);
    case 'unknown':
      throw new NotRebuildable(`${what} is not known without running the code (${value.reason})`);
    default:
      throw new NotRebuildable(`${what} is not a plain value`);
  }
}

function layerSpec(layer: LayerNode, lineOf: (span: Span) => number): LayerSpec {
  const line = lineOf(layer.span);
  const config = layer.config.kind === 'primitive' && layer.config.value === undefined ? {} : toSpecValue(layer.config, `the config of the ${layer.factory} layer at line ${line}`);
  return { factory: layer.factory, config, line };
}

/** The compile the model trains with: the last one that certainly runs, else the last one. */
export function effectiveCompile(model: ModelNode): CompileNode | undefined {
  const certain = model.compiles.filter((compile) => !compile.conditional);
  return certain.at(-1) ?? model.compiles.at(-1);
}

function compileSpec(model: ModelNode): ModelSpec['compile'] {
  const compile = effectiveCompile(model);
  if (!compile) throw new NotRebuildable('the model is never compiled');
  const optimizer = configValue(compile.config, 'optimizer');
  const loss = configValue(compile.config, 'loss');
  if (!optimizer) throw new NotRebuildable('the optimizer given to compile is not known');
  if (!loss) throw new NotRebuildable('the loss given to compile is not known');
  return { optimizer: toSpecValue(optimizer, 'the optimizer'), loss: toSpecValue(loss, 'the loss') };
}

function sequentialSpec(model: ModelNode, lineOf: (span: Span) => number): ModelSpec {
  if (model.incomplete.length > 0) throw new NotRebuildable(model.incomplete[0]!);
  const layers: LayerSpec[] = [];
  for (const slot of model.slots) {
    if (!slot.layer) throw new NotRebuildable('a layer of the model is not known without running the code');
    if (slot.conditional || slot.repeated) throw new NotRebuildable('some layers are added on only some paths');
    layers.push(layerSpec(slot.layer, lineOf));
  }
  if (layers.length === 0) throw new NotRebuildable('the model has no layers');
  return { kind: 'sequential', layers, compile: compileSpec(model) };
}

function functionalSpec(model: ModelNode, lineOf: (span: Span) => number): ModelSpec {
  const layers: LayerNode[] = [];
  const nodes: GraphNodeSpec[] = [];
  const nodeIds = new Map<Value, number>();
  const visiting = new Set<Value>();
  const visit = (value: Value): number => {
    const known = nodeIds.get(value);
    if (known !== undefined) return known;
    if (value.kind !== 'symbolic') throw new NotRebuildable('an input of a layer is not known without running the code');
    if (visiting.has(value)) throw new NotRebuildable('the layer graph has a cycle');
    if (value.model) throw new NotRebuildable('a model is applied as a layer');
    visiting.add(value);
    let node: GraphNodeSpec;
    if (!value.layer) {
      node = { kind: 'input', config: toSpecValue(value.inputConfig ?? { kind: 'unknown', reason: 'no config' }, 'the tf.input config') };
    } else {
      const from = value.from;
      if (!from) throw new NotRebuildable('an input of a layer is not known');
      const inputs = from.kind === 'array' ? (from.complete ? from.elements.map(visit) : undefined) : [visit(from)];
      if (!inputs) throw new NotRebuildable('the inputs of a merge layer are not fully known');
      let layerIndex = layers.indexOf(value.layer);
      if (layerIndex < 0) layerIndex = layers.push(value.layer) - 1;
      node = { kind: 'layer', layer: layerIndex, inputs };
    }
    visiting.delete(value);
    const id = nodes.push(node) - 1;
    nodeIds.set(value, id);
    return id;
  };
  const outputsValue = model.outputs;
  if (!outputsValue) throw new NotRebuildable('the outputs of tf.model are not known');
  const outputValues = outputsValue.kind === 'array' ? (outputsValue.complete ? outputsValue.elements : undefined) : [outputsValue];
  if (!outputValues) throw new NotRebuildable('the outputs of tf.model are not fully known');
  const outputs = outputValues.map(visit);
  return { kind: 'functional', layers: layers.map((layer) => layerSpec(layer, lineOf)), nodes, outputs, compile: compileSpec(model) };
}

/** A model as a spec, or the reason it has none. */
export function modelSpec(model: ModelNode, lineOf: (span: Span) => number): { spec?: ModelSpec; error?: string } {
  try {
    if (model.kind === 'sequential') return { spec: sequentialSpec(model, lineOf) };
    if (model.kind === 'functional') return { spec: functionalSpec(model, lineOf) };
    return { error: 'the model is loaded at run time' };
  } catch (error) {
    if (error instanceof NotRebuildable) return { error: error.message };
    throw error;
  }
}

function modelLayerSpans(model: ModelNode): Span[] {
  return modelLayers(model).flatMap((layer) => [layer.span, ...layer.applications.map((application) => application.span)]);
}

/** A readable name for a model: its variable, else its kind and line. */
export function modelName(model: ModelNode, line: number): string {
  return model.name ?? `${model.kind} model at line ${line}`;
}

/**
 * The models a file defines or trains, in source order, each with its spec or why it has none.
 * `lineOf` maps a span to its 1-based line, `endLineOf` to the line it ends on.
 */
export function modelTargets(graph: ProgramGraph, file: string, lineOf: (span: Span) => number, endLineOf: (span: Span) => number = lineOf): ModelTarget[] {
  const models = graph.models.filter(
    (model) =>
      model.kind !== 'loaded' &&
      (model.span.file === file || model.compiles.some((compile) => compile.span.file === file) || model.fits.some((fit) => fit.span.file === file)),
  );
  models.sort((a, b) => (a.span.file === b.span.file ? a.span.start - b.span.start : a.span.file === file ? -1 : 1));
  return models.map((model) => {
    const line = lineOf(model.span);
    const { spec, error } = modelSpec(model, lineOf);
    const spans = [model.span, ...model.slots.map((slot) => slot.span), ...modelLayerSpans(model), ...model.compiles.map((c) => c.span), ...model.fits.map((f) => f.span)];
    const regions = spans.map((span) => ({ file: span.file, start: lineOf(span), end: endLineOf(span) }));
    const endLine = endLineOf(model.span);
    return { name: modelName(model, line), file: model.span.file, line, ...(endLine > line ? { endLine } : {}), regions, ...(spec ? { spec } : {}), ...(error ? { specError: error } : {}) };
  });
}
