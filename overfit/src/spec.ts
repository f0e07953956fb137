/**
 * Turns models of the model graph into specs the worker can rebuild with real tfjs, without running
 * the user's code. Only fully known models get a spec; anything unknown is reported as the reason.
 */
import * as path from 'node:path';
import type { CompileNode, FitNode, LayerNode, LayerSlot, ModelNode, ProgramGraph } from '../../rules/core/graph';
import { configValue } from '../../rules/core/config';
import { oneHotLabels } from '../../rules/core/data';
import { factsOf } from '../../rules/core/facts';
import { modelLayers } from '../../rules/core/model';
import { fitWeights } from '../../rules/core/training';
import type { Span } from '../../rules/core/span';
import type { TfObjectValue, Value } from '../../rules/core/values';
import { standInLoss } from './losses';
import { entryOf, ORDINALS, propertyOf } from './spec-names';
import { describeStandIns, factoryArguments, INPUT_SIZE_KEYS, isDestructured, SIZE_KEYS, sizeSource, sizeWithStandIns, STAND_IN_RATES, standInNote, withOpenDimensions, type LineOf, type StandInSize } from './stand-ins';
import type { DataSpec, GraphNodeSpec, LayerSpec, ModelSpec, ModelTarget, SpecValue, TensorDataSpec } from './types';

/** Factories of config values the worker may call to rebuild a layer or an optimizer. */
const REBUILDABLE = /^(initializers|regularizers|constraints|train)\.[A-Za-z0-9]+$/;
/** Loss and metric functions a compile config may name directly (`loss: tf.losses.meanSquaredError`). */
const LOSS_REFERENCE = /^(losses|metrics)\.[A-Za-z0-9]+$/;

class NotRebuildable extends Error {}


/** A value the analysis could not know; the message, with its line, is made where lines are known. */
class UnknownValue extends NotRebuildable {
  constructor(
    readonly value: Value & { kind: 'unknown' },
    readonly what: string,
  ) {
    super(`${what} is only known when the script runs (${value.reason})`);
  }
}

/** Why a value the analysis could not know blocks the build, naming the variable it came from and its line. */
function unknownReason(value: Value & { kind: 'unknown' }, what: string, lineOf: LineOf): string {
  const line = value.span ? ` (line ${lineOf(value.span)})` : '';
  const parameter = value.parameter;
  if (parameter) {
    // A factory nobody calls: the check cannot know the value, and execute mode has no call to run either.
    const owner = parameter.owner ?? 'its function';
    const destructured = isDestructured(parameter);
    const from = value.name === parameter.name ? `the parameter \`${parameter.name}\`` : destructured ? `\`${value.name ?? 'a member'}\` of ${parameter.name}` : `\`${value.name ?? 'a member'}\` of the parameter \`${parameter.name}\``;
    return `${what} comes from ${from} of ${owner} (line ${lineOf(parameter.span)}), and no call in the project (tests aside) gives it a value: call ${owner} from a script with real values and run the check on that script`;
  }
  if (value.name !== undefined && value.reason === `the parameter ${value.name}`) {
    return `${what} comes from the parameter \`${value.name}\`, which no call the analysis follows gives a value: run the check in execute mode or give it a value`;
  }
  if (value.name !== undefined) return `${what} comes from \`${value.name}\`${line}, which is only known when the script runs: run the check in execute mode or give it a value`;
  return `${what} is only known when the script runs (${value.reason})${line}: run the check in execute mode or give it a value`;
}

/** An optimizer the code makes, as the worker rebuilds it; undefined when a setting of it is not known. */
export function knownOptimizerSpec(optimizer: Value): SpecValue | undefined {
  try {
    return toSpecValue(optimizer, 'the optimizer');
  } catch {
    return undefined;
  }
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
      throw new UnknownValue(value, what);
    default:
      throw new NotRebuildable(`${what} is not a plain value`);
  }
}

/** How a config entry is named in messages: the input size, or the option of the layer at its line. */
function entryName(key: string, owner: string): string {
  return INPUT_SIZE_KEYS.has(key) ? `the input size of ${owner}` : `\`${key}\` of ${owner}`;
}

/**
 * How a config may fill in what the code does not know: the data's sample shape for the input size
 * (when the data the model is trained on tells it), stand-ins for sizes (when `standIns` collects them).
 */
interface ConfigFallbacks {
  readonly inputShape?: { shape: number[]; note: (key: string) => void };
  readonly standIns?: StandInSize[];
  readonly factory?: string;
  readonly lineOf?: LineOf;
}

/** A layer's (or tf.input's) config as JSON, filling in what the code does not know where `fallbacks` allows. */
function configSpec(config: Value, owner: string, fallbacks: ConfigFallbacks = {}): SpecValue {
  if (config.kind === 'primitive' && config.value === undefined) return {};
  if (config.kind !== 'object') return toSpecValue(config, `the config of ${owner}`);
  if (!config.complete) throw new NotRebuildable(`the config of ${owner} is not fully known`);
  const { inputShape, standIns, factory, lineOf } = fallbacks;
  const out: Record<string, SpecValue> = {};
  for (const [key, property] of config.props) {
    const inner = property.value;
    const value = INPUT_SIZE_KEYS.has(key) ? withOpenDimensions(inner, key) : inner;
    if (inner.kind === 'layer' && lineOf) {
      // A wrapper's layer (timeDistributed, bidirectional): made by the same factory call inside the wrapper's config.
      const line = lineOf(inner.layer.span);
      out[key] = { $tf: `layers.${inner.layer.factory}`, args: [configSpec(inner.layer.config, `the ${inner.layer.factory} layer (line ${line})`, { ...(standIns ? { standIns } : {}), factory: inner.layer.factory, lineOf })] };
      continue;
    }
    try {
      out[key] = toSpecValue(value, entryName(key, owner));
    } catch (thrown) {
      // An unknown size anywhere in the input shape is the input size, whichever dimension it is.
      const error = thrown instanceof UnknownValue && INPUT_SIZE_KEYS.has(key) ? new UnknownValue(thrown.value, entryName(key, owner)) : thrown;
      if (!(error instanceof NotRebuildable)) throw error;
      if (inputShape && INPUT_SIZE_KEYS.has(key) && key !== 'inputDim') {
        // The model is trained on data whose shape is known: its sample shape is the input shape.
        if (key === 'batchInputShape' || key === 'batchShape') out[key] = [null, ...inputShape.shape];
        else out[key] = inputShape.shape;
        inputShape.note(key);
        continue;
      }
      const filled: StandInSize[] = [];
      const size = standIns && lineOf && error instanceof UnknownValue && SIZE_KEYS.has(key) ? sizeWithStandIns(value, factory ?? '', key, entryName(key, owner), lineOf, filled) : undefined;
      if (size === undefined) throw error;
      out[key] = size;
      standIns!.push(...filled);
    }
  }
  return out;
}

function layerSpec(layer: LayerNode, lineOf: LineOf, fallbacks: ConfigFallbacks = {}): LayerSpec {
  const line = lineOf(layer.span);
  return { factory: layer.factory, config: configSpec(layer.config, `the ${layer.factory} layer (line ${line})`, { ...fallbacks, factory: layer.factory, lineOf }), line };
}

/** The shape of one sample of the data the model is trained on, when the analysis knows it fully. */
function dataSampleShape(model: ModelNode): number[] | undefined {
  for (const fit of model.fits) {
    if (fit.method === 'fitDataset' || fit.x.kind !== 'tensor') continue;
    const shape = fit.x.facts.shape;
    if (shape && shape.length >= 2 && shape.slice(1).every((size) => typeof size === 'number' && size > 0)) return shape.slice(1) as number[];
  }
  return undefined;
}

/** A fallback for an unknown input size: the data's sample shape, with a note saying so. */
function inputShapeFromData(model: ModelNode, notes: string[], lineOf: LineOf): { shape: number[]; note: (key: string) => void } | undefined {
  const shape = dataSampleShape(model);
  if (!shape) return undefined;
  const fit = model.fits.find((candidate) => candidate.x.kind === 'tensor')!;
  return {
    shape,
    note: () => notes.push(`The input size is not known from the code alone, so it was taken from the data given to ${fit.method} (line ${lineOf(fit.span)}): [${shape.join(', ')}] per sample.`),
  };
}

/** The compile the model trains with: the last one that certainly runs, else the last one. */
export function effectiveCompile(model: ModelNode): CompileNode | undefined {
  const certain = model.compiles.filter((compile) => !compile.conditional);
  return certain.at(-1) ?? model.compiles.at(-1);
}

/** What the static build may take from around a model: the optimizers the code makes, for a model it never compiles. */
export interface ModelContext {
  readonly optimizers: readonly TfObjectValue[];
  /** The variant to rebuild of a model whose layers depend on a choice made when the code runs, if one can be told. */
  readonly variantOf?: (model: ModelNode) => ModelVariant | undefined;
}

/** One variant of a model whose layers depend on a choice: which of its layers it has, and the note that says which. */
export interface ModelVariant {
  readonly keep: (slot: LayerSlot) => boolean;
  readonly note: string;
}

/**
 * The model as a function nothing in the code calls builds it (`build()` of a class whose
 * constructor makes the model, a button's handler): when that function adds every layer added on
 * only some paths, on every path through it, the model is what one call of it makes.
 */
function builtByUncalled(model: ModelNode, lineOf: LineOf): ModelVariant | undefined {
  const conditional = model.slots.filter((slot) => slot.conditional);
  const run = conditional[0]?.uncalled;
  if (!run || !conditional.every((slot) => slot.uncalled?.run === run.run)) return undefined;
  // A function of another file (one that imports the model's) is named with its file.
  const where = run.span.file === model.span.file ? `line ${lineOf(run.span)}` : `${path.basename(run.span.file)} line ${lineOf(run.span)}`;
  const what = run.name !== undefined ? `\`${run.name}\` (${where})` : `the function at ${where}`;
  return { keep: () => true, note: `The model's layers are added by ${what}, which nothing in the code calls: the check built the model as one call of it makes it.` };
}

/** An incomplete model's reason with the line of the layer it is about, when one slot says which. */
function withSlotLine(model: ModelNode, reason: string, lineOf: LineOf): string {
  const slot =
    reason === 'a layer the extractor could not read'
      ? model.slots.find((candidate) => !candidate.layer)
      : reason === 'a layer added in a loop'
        ? model.slots.find((candidate) => candidate.layer && !candidate.conditional && candidate.repeated)
        : reason === 'a layer added on only some code paths'
          ? model.slots.find((candidate) => candidate.layer && candidate.conditional)
          : undefined;
  // A slot at the model's own place stands for layers given where the model is made (`tf.sequential({ layers })`).
  if (!slot || (slot.span.file === model.span.file && slot.span.start === model.span.start)) return reason;
  return `${reason} (line ${lineOf(slot.span)})`;
}

/** Who trains a model the code never compiles, in words, for the note that says how the check trained it. */
function trainedBy(model: ModelNode, lineOf: LineOf): string {
  const step = [...model.gradients].sort((a, b) => a.order - b.order)[0];
  if (step) return `a custom training step (${step.api} at line ${lineOf(step.span)}) trains it`;
  if (model.escaped) return 'it is handed to code the analysis does not follow, which trains it';
  return 'whatever receives it compiles and trains it, where the analysis does not follow the model';
}

/**
 * The compile for a model the code never compiles and never trains with fit: a custom loop, or the
 * caller it is returned to, trains it. Its layers train with the optimizer the model's file makes
 * (when it makes exactly one), else adam, and per output the loss that matches its activation.
 */
function standInCompile(model: ModelNode, outputs: readonly { activation?: string; units?: number }[], notes: string[], lineOf: LineOf, context: ModelContext | undefined): NonNullable<ModelSpec['compile']> {
  // The optimizer of a custom step is the one its file makes, when it makes one; any other model's may be another's.
  const own = model.gradients.length > 0 ? (context?.optimizers ?? []).filter((optimizer) => optimizer.span.file === model.span.file && optimizer.path.startsWith('train.')) : [];
  let optimizer: SpecValue = 'adam';
  let optimizerText = 'adam at its default learning rate';
  if (own.length === 1) {
    try {
      optimizer = toSpecValue(own[0]!, 'the optimizer');
      optimizerText = `the tf.${own[0]!.path} the file makes (line ${lineOf(own[0]!.span)})`;
    } catch {
      // An optimizer whose settings are not known: the default stands in.
    }
  }
  const losses = outputs.map((output) => standInLoss(output.activation, output.units));
  const lossText = losses.map((loss) => `${loss.loss} (for ${loss.why})`).join(', ');
  // A custom step needs no compile; otherwise a compile may be where the analysis does not follow the model (a caller, a value that is one of several models).
  const lead = model.gradients.length > 0 ? 'The model is never compiled in the code' : 'The check found no compile of the model in the code it follows';
  notes.push(`${lead}: ${trainedBy(model, lineOf)}. The check trained its layers with ${optimizerText} and ${lossText}; the code that trains it was not run.`);
  return { optimizer, loss: losses.length === 1 ? losses[0]!.loss : losses.map((loss) => loss.loss), standIn: true };
}

function compileSpec(model: ModelNode, outputs: readonly { activation?: string; units?: number }[], notes: string[], lineOf: LineOf, context: ModelContext | undefined, standIns: StandInSize[]): ModelSpec['compile'] {
  const output = outputs.length === 1 ? outputs[0]! : {};
  const compile = effectiveCompile(model);
  if (!compile && model.fits.length === 0) return standInCompile(model, outputs, notes, lineOf, context);
  if (!compile) throw new NotRebuildable('the model is never compiled');
  const optimizer = configValue(compile.config, 'optimizer');
  const loss = configValue(compile.config, 'loss');
  if (!optimizer) throw new NotRebuildable('the optimizer given to compile is not known');
  if (!loss) throw new NotRebuildable('the loss given to compile is not known');
  if (loss.kind === 'function') {
    const standIn = standInLoss(output.activation, output.units);
    notes.push(
      `The loss given to compile (line ${lineOf(compile.span)}) is a function of the code, which the static build does not run; it trains with ${standIn.loss} instead, the loss that matches ${standIn.why}. Run the check in execute mode to train with the code's own loss.`,
    );
    return { optimizer: optimizerSpec(optimizer, lineOf, standIns), loss: standIn.loss };
  }
  return { optimizer: optimizerSpec(optimizer, lineOf, standIns), loss: toSpecValue(loss, 'the loss') };
}

/** The optimizer as JSON, with a stand-in for a learning rate the code does not give (its first argument). */
function optimizerSpec(optimizer: Value, lineOf: LineOf, standIns: StandInSize[]): SpecValue {
  try {
    return toSpecValue(optimizer, 'the optimizer');
  } catch (error) {
    const rate = optimizer.kind === 'tfObject' ? STAND_IN_RATES[optimizer.path] : undefined;
    const first = optimizer.kind === 'tfObject' ? optimizer.args[0] : undefined;
    if (!(error instanceof UnknownValue) || rate === undefined || first?.kind !== 'unknown' || optimizer.kind !== 'tfObject') throw error;
    // Only the rate is open: the other arguments must be known.
    const rest = optimizer.args.slice(1).map((arg, index) => toSpecValue(arg, `the ${ORDINALS[index + 1] ?? `${index + 2}th`} argument of tf.${optimizer.path}()`));
    standIns.push({ what: `the learning rate of tf.${optimizer.path}()`, value: rate, ...sizeSource(first, lineOf) });
    return { $tf: optimizer.path, args: [{ $standIn: rate }, ...rest] };
  }
}

/** The activation and units of a layer, as far as its config says. */
function outputOf(layer: LayerNode | undefined): { activation?: string; units?: number } {
  if (!layer) return {};
  const activation = configValue(layer.config, 'activation');
  const units = configValue(layer.config, 'units');
  const name = layer.factory === 'softmax' ? 'softmax' : activation?.kind === 'primitive' && typeof activation.value === 'string' ? activation.value : undefined;
  return {
    ...(name ? { activation: name } : {}),
    ...(units?.kind === 'primitive' && typeof units.value === 'number' ? { units: units.value } : {}),
  };
}

/** Whether a layer does not train in the model's first fit (frozen when it runs). */
type FrozenAtFit = (layer: LayerNode) => boolean;

/** The positions of the spec's layers that do not train, when some do not. */
function frozenPositions(layers: readonly LayerNode[], frozen: FrozenAtFit): { frozen?: number[] } {
  const positions = layers.flatMap((layer, index) => (frozen(layer) ? [index] : []));
  return positions.length > 0 ? { frozen: positions } : {};
}

function sequentialSpec(model: ModelNode, lineOf: LineOf, notes: string[], context: ModelContext | undefined, standIns: StandInSize[], frozen: FrozenAtFit, choices: string[]): ModelSpec {
  // Layers that depend on a choice made at run time: the variant the code takes first, when that can be told.
  const onlyChoices = model.incomplete.length > 0 && model.incomplete.every((reason) => reason === 'a layer added on only some code paths');
  const variant = onlyChoices ? (builtByUncalled(model, lineOf) ?? context?.variantOf?.(model)) : undefined;
  if (model.incomplete.length > 0 && !variant) throw new NotRebuildable(withSlotLine(model, model.incomplete[0]!, lineOf));
  if (variant) choices.push(variant.note);
  const slots = variant ? model.slots.filter((slot) => variant.keep(slot)).map((slot) => ({ ...slot, conditional: false })) : model.slots;
  const layers: LayerSpec[] = [];
  for (const slot of slots) {
    if (!slot.layer) throw new NotRebuildable('a layer of the model is not known without running the code');
    if (slot.conditional || slot.repeated) throw new NotRebuildable('some layers are added on only some paths');
    const inputShape = layers.length === 0 ? inputShapeFromData(model, notes, lineOf) : undefined;
    layers.push(layerSpec(slot.layer, lineOf, { ...(inputShape ? { inputShape } : {}), standIns }));
  }
  if (layers.length === 0) throw new NotRebuildable('the model has no layers');
  return {
    kind: 'sequential',
    layers,
    compile: compileSpec(model, [outputOf(slots.at(-1)?.layer)], notes, lineOf, context, standIns),
    ...frozenPositions(slots.map((slot) => slot.layer!), frozen),
  };
}

function functionalSpec(model: ModelNode, lineOf: LineOf, notes: string[], context: ModelContext | undefined, standIns: StandInSize[], frozen: FrozenAtFit): ModelSpec {
  const layers: LayerNode[] = [];
  const nodes: GraphNodeSpec[] = [];
  const nodeIds = new Map<Value, number>();
  const visiting = new Set<Value>();
  const visit = (value: Value): number => {
    const known = nodeIds.get(value);
    if (known !== undefined) return known;
    if (value.kind !== 'symbolic') {
      // A part of a model loaded at run time, whose layers the code does not write: said, with where it is loaded.
      if (value.kind === 'unknown' && value.loadedModel) throw new NotRebuildable(`it is built on the model loaded at run time (line ${lineOf(value.loadedModel)}), whose layers the code does not write`);
      throw new NotRebuildable('an input of a layer is not known without running the code');
    }
    if (visiting.has(value)) throw new NotRebuildable('the layer graph has a cycle');
    if (value.model) throw new NotRebuildable('a model is applied as a layer');
    visiting.add(value);
    let node: GraphNodeSpec;
    if (!value.layer) {
      const inputs = model.inputs;
      const single = !inputs || inputs.kind !== 'array';
      const inputShape = single ? inputShapeFromData(model, notes, lineOf) : undefined;
      node = { kind: 'input', config: configSpec(value.inputConfig ?? { kind: 'unknown', reason: 'no config' }, 'tf.input', { ...(inputShape ? { inputShape } : {}), standIns, factory: 'input', lineOf }) };
    } else {
      const from = value.from;
      if (!from) throw new NotRebuildable('an input of a layer is not known');
      const inputs = from.kind === 'array' ? (from.complete ? from.elements.map(visit) : undefined) : [visit(from)];
      if (!inputs) throw new NotRebuildable('the inputs of a merge layer are not fully known');
      let layerIndex = layers.indexOf(value.layer);
      if (layerIndex < 0) layerIndex = layers.push(value.layer) - 1;
      node = { kind: 'layer', layer: layerIndex, inputs, ...(value.output !== undefined ? { output: value.output } : {}) };
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
  const outputLayers = outputValues.map((value) => outputOf(value.kind === 'symbolic' ? value.layer : undefined));
  return {
    kind: 'functional',
    layers: layers.map((layer) => layerSpec(layer, lineOf, { standIns })),
    nodes,
    outputs,
    compile: compileSpec(model, outputLayers, notes, lineOf, context, standIns),
    ...frozenPositions(layers, frozen),
  };
}

/** A model as a spec, or the reason it has none. */
export function modelSpec(model: ModelNode, lineOf: LineOf, context?: ModelContext, frozen: FrozenAtFit = () => false): { spec?: ModelSpec; error?: string; needsArguments?: boolean } {
  const notes: string[] = [];
  const standIns: StandInSize[] = [];
  const choices: string[] = [];
  try {
    let spec: ModelSpec;
    if (model.kind === 'sequential') spec = sequentialSpec(model, lineOf, notes, context, standIns, frozen, choices);
    else if (model.kind === 'functional') spec = functionalSpec(model, lineOf, notes, context, standIns, frozen);
    else return { error: 'the model is loaded at run time' };
    const standInText = standInNote(standIns);
    if (standInText) notes.unshift(standInText);
    notes.unshift(...choices);
    // A variant the check chose is a value the code leaves open, as a stand-in size is.
    const standInValues = standIns.length > 0 || choices.length > 0;
    return { spec: { ...spec, ...(notes.length > 0 ? { notes } : {}), ...(standInValues ? { standInValues: true } : {}), ...(standIns.length > 0 ? { standIns: describeStandIns(standIns) } : {}) } };
  } catch (error) {
    if (error instanceof UnknownValue) return { error: unknownReason(error.value, error.what, lineOf), ...(error.value.parameter ? { needsArguments: true } : {}) };
    if (error instanceof NotRebuildable) return { error: error.message };
    throw error;
  }
}

/** What a tensor given to fit says about its data (its facts, whether it is one-hot), or undefined when it says nothing. */
function tensorDataSpec(value: Value | undefined): TensorDataSpec | undefined {
  const facts = factsOf(value);
  if (!facts) return undefined;
  const { range } = facts;
  const finite = Number.isFinite(range.lo) && Number.isFinite(range.hi);
  const known = facts.shape?.every((dim) => dim !== undefined) ? facts.shape : undefined;
  const exact = known && facts.values && facts.values.length > 0 ? facts.values : undefined;
  const nonFinite = exact?.flatMap((value, index) => (Number.isFinite(value) ? [] : [[index, Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity'] as const]));
  const spec: TensorDataSpec = {
    ...(facts.shape ? { shape: facts.shape.map((dim) => dim ?? null) } : {}),
    ...(exact ? { values: exact.map((value) => (Number.isFinite(value) ? value : 0)) } : {}),
    ...(nonFinite && nonFinite.length > 0 ? { nonFinite } : {}),
    ...(finite ? { range: { lo: range.lo, hi: range.hi } } : {}),
    ...(facts.integer ? { integer: true } : {}),
    ...(facts.distinct && facts.distinct.every(Number.isFinite) ? { distinct: facts.distinct } : {}),
    ...(oneHotLabels(value) ? { oneHot: true } : {}),
  };
  return spec.values || spec.range || spec.distinct || spec.oneHot ? spec : undefined;
}

/** fit's x or y as one value per model input or output: a tensor, or a list of them. */
function perTensor(value: Value | undefined): (TensorDataSpec | undefined)[] {
  if (!value) return [];
  if (value.kind === 'array') return value.complete ? value.elements.map((element) => tensorDataSpec(element)) : [];
  return [tensorDataSpec(value)];
}

/** What the code says about the data of the model's first fit or trainOnBatch, when it says anything. */
export function modelData(model: ModelNode, lineOf: (span: Span) => number): DataSpec | undefined {
  const fit: FitNode | undefined = [...model.fits].sort((a, b) => a.order - b.order).find((candidate) => candidate.method !== 'fitDataset');
  if (!fit) return undefined;
  const x = perTensor(fit.x);
  const y = perTensor(fit.y);
  if (!x.some(Boolean) && !y.some(Boolean)) return undefined;
  const batchSize = fit.method === 'fit' ? configValue(fit.config, 'batchSize') : undefined;
  const size = batchSize?.kind === 'primitive' && typeof batchSize.value === 'number' && batchSize.value >= 1 ? Math.floor(batchSize.value) : undefined;
  return { x, y, ...(size !== undefined ? { batchSize: size } : {}), line: lineOf(fit.span) };
}

function modelLayerSpans(model: ModelNode): Span[] {
  return modelLayers(model).flatMap((layer) => [layer.span, ...layer.applications.map((application) => application.span)]);
}

/**
 * Why tfjs refuses the model's first training call before any step, when the code makes that
 * certain: it runs before any compile, or with every layer that has weights frozen.
 */
function trainingRefusal(model: ModelNode, fit: FitNode, weights: ReturnType<typeof fitWeights> | undefined, lineOf: LineOf): ModelTarget['cannotTrain'] {
  if (model.kind === 'loaded' || model.escaped || fit.conditional) return undefined;
  const place = { file: fit.span.file, line: lineOf(fit.span) };
  if (!fit.compile) {
    return { ...place, why: 'not-compiled', message: `${fit.method} throws before its first step: the model is not compiled when it runs ("You must compile a model before training/testing"). Compile it before training.` };
  }
  if (weights?.known && weights.weighted.length > 0 && weights.trained.length === 0) {
    return { ...place, why: 'all-frozen', message: `${fit.method} throws before its first step: every layer of the model that has weights is frozen (trainable = false) when it runs, so there is no weight to train. Leave the layers that should learn trainable.` };
  }
  return undefined;
}

/** A readable name for a model: its variable, else its kind and line. */
export function modelName(model: ModelNode, line: number): string {
  return model.name ?? `${model.kind} model at line ${line}`;
}

/**
 * The models a file defines or trains, in source order, each with its spec or why it has none.
 * `lineOf` maps a span to its 1-based line, `endLineOf` to the line it ends on.
 */
export function modelTargets(graph: ProgramGraph, file: string, lineOf: (span: Span) => number, endLineOf: (span: Span) => number = lineOf, variantOf?: ModelContext['variantOf']): ModelTarget[] {
  const context: ModelContext = { optimizers: graph.optimizers, ...(variantOf ? { variantOf } : {}) };
  const models = graph.models.filter(
    (model) =>
      model.kind !== 'loaded' &&
      (model.span.file === file ||
        model.compiles.some((compile) => compile.span.file === file) ||
        model.fits.some((fit) => fit.span.file === file) ||
        // Made by a factory the file calls, whose result the code then loses track of (one of
        // several factories, picked at run time): still a model the file trains.
        model.callers?.includes(file) === true),
  );
  models.sort((a, b) => (a.span.file === b.span.file ? a.span.start - b.span.start : a.span.file === file ? -1 : 1));
  const targets = models.map((model) => {
    const line = lineOf(model.span);
    const first = [...model.fits].sort((a, b) => a.order - b.order)[0];
    const weights = first ? fitWeights(graph, model, first) : undefined;
    const frozen: FrozenAtFit = (layer) => weights?.known === true && weights.weighted.includes(layer) && !weights.trained.includes(layer);
    const { spec, error, needsArguments } = modelSpec(model, lineOf, context, frozen);
    const cannotTrain = first ? trainingRefusal(model, first, weights, lineOf) : undefined;
    const standInArguments = factoryArguments(model, lineOf);
    const data = spec ? modelData(model, lineOf) : undefined;
    const spans = [model.span, ...model.slots.map((slot) => slot.span), ...modelLayerSpans(model), ...model.compiles.map((c) => c.span), ...model.fits.map((f) => f.span)];
    const regions = spans.map((span) => ({ file: span.file, start: lineOf(span), end: endLineOf(span) }));
    const endLine = endLineOf(model.span);
    const trainedIn = [...new Set(model.fits.map((fit) => fit.span.file))];
    return {
      name: modelName(model, line),
      file: model.span.file,
      line,
      ...(endLine > line ? { endLine } : {}),
      regions,
      ...(spec ? { spec } : {}),
      ...(data ? { data } : {}),
      ...(error ? { specError: error } : {}),
      ...(needsArguments ? { needsArguments } : {}),
      ...(standInArguments ? { standInArguments } : {}),
      ...(cannotTrain ? { cannotTrain } : {}),
      ...(trainedIn.length > 0 ? { trainedIn } : {}),
    };
  });
  return oncePerPlace(models, targets);
}

/**
 * One target per place a model is created. A factory the analysis ran more than once (on its own,
 * with its parameters unknown, and at each call site) made a model each time: the first that can be
 * rebuilt stands for them, with the regions of all.
 */
function oncePerPlace(models: readonly ModelNode[], targets: readonly ModelTarget[]): ModelTarget[] {
  const byPlace = new Map<string, ModelTarget[]>();
  models.forEach((model, index) => {
    const key = `${model.span.file}:${model.span.start}`;
    byPlace.set(key, [...(byPlace.get(key) ?? []), targets[index]!]);
  });
  return [...byPlace.values()].map((same) => {
    // A build at a call site's sizes stands before one with stand-ins for them, one the code compiles
    // before one it does not, and one with fewer stand-ins before one with more.
    const rank = (target: ModelTarget): number[] => {
      const spec = target.spec!;
      return [spec.standInValues ? 1 : 0, spec.compile.standIn ? 1 : 0, JSON.stringify(spec).split('"$standIn"').length - 1];
    };
    const before = (a: readonly number[], b: readonly number[]): boolean => {
      const index = a.findIndex((value, at) => value !== b[at]);
      return index >= 0 && a[index]! < b[index]!;
    };
    const built = same.filter((target) => target.spec);
    const chosen = built.length > 0 ? built.reduce((best, target) => (before(rank(target), rank(best)) ? target : best)) : same[0]!;
    if (same.length === 1) return chosen;
    const seen = new Set<string>();
    const regions = same.flatMap((target) => target.regions ?? []).filter((region) => {
      const key = `${region.file}:${region.start}:${region.end}`;
      return !seen.has(key) && seen.add(key);
    });
    const trainedIn = [...new Set(same.flatMap((target) => target.trainedIn ?? []))];
    return { ...chosen, regions, ...(trainedIn.length > 0 ? { trainedIn } : {}) };
  });
}
