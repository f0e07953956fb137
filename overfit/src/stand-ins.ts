/**
 * Stand-ins for what the code leaves open: sizes a factory takes as parameters nothing gives a value,
 * or that are read at run time, and learning rates from a form field. The static build fills them in
 * (marked `{ $standIn: n }`) and says so in a note; execute mode calls a factory with them.
 */
import { modelLayers } from '../../rules/core/model';
import { sampleRank } from '../../rules/core/shapes';
import type { ModelNode } from '../../rules/core/graph';
import type { Span } from '../../rules/core/span';
import type { Value } from '../../rules/core/values';
import { entryOf } from './spec-names';
import type { ModelTarget, SpecValue, StandInArgumentValue } from './types';

/** Maps a span to its 1-based line, for messages that point at the code. */
export type LineOf = (span: Span) => number;

/** Config keys that give a layer's input size. */
export const INPUT_SIZE_KEYS = new Set(['inputShape', 'batchInputShape', 'inputDim', 'shape', 'batchShape']);

/** Config keys that hold a whole shape (a list of sizes), not one size. */
const SHAPE_KEYS = new Set(['inputShape', 'batchInputShape', 'shape', 'batchShape']);

/** Sizes a stand-in may replace: the input size, and the sizes of a layer's own weights. */
export const SIZE_KEYS = new Set([...INPUT_SIZE_KEYS, 'inputLength', 'units', 'filters', 'kernelSize', 'poolSize', 'outputDim', 'n']);

/**
 * The value the check uses for a size the code leaves to its caller or to the run: small enough to
 * train in seconds, large enough that a batch of 32 can be learnt by heart. Images keep room for a
 * few poolings (28, as MNIST); a vocabulary has more entries than a batch has indices.
 */
function standInSize(factory: string, key: string, index: number, rank: number): number {
  if (key === 'inputDim') return factory === 'embedding' ? 50 : 8;
  if (key === 'kernelSize') return 3;
  if (key === 'poolSize') return 2;
  if (INPUT_SIZE_KEYS.has(key) && rank >= 3) return index < rank - 1 ? 28 : 3;
  return 8;
}

/** One size the build filled in, for the note that says so. */
export interface StandInSize {
  readonly what: string;
  /** A size, or a whole shape where the code does not even say how many sizes it has. */
  readonly value: StandInArgumentValue;
  readonly from: string;
  /** The function a call to which would give the real value. */
  readonly owner?: string;
  /**
   * The value is that function's parameter at this position itself (not a member of it), named so,
   * or the entry at `entry` of a list parameter the build made up.
   */
  readonly argument?: { readonly index: number; readonly name: string; readonly entry?: number };
}

/** Whether a parameter is written as a pattern (`{ inputSize, hidden = 128 }`): it has no name of its own, and its position names it. */
export function isDestructured(parameter: { readonly name: string }): boolean {
  return /^parameter \d+$/.test(parameter.name);
}

/** Where a size the code does not know comes from, in words. */
export function sizeSource(value: Value & { kind: 'unknown' }, lineOf: LineOf): Omit<StandInSize, 'what' | 'value'> {
  const parameter = value.parameter;
  if (parameter) {
    const owner = parameter.owner ?? 'its function';
    const where = `${owner} (line ${lineOf(parameter.span)})`;
    if (parameter.entry !== undefined && parameter.index !== undefined && parameter.owner !== undefined) {
      const from = `entry ${parameter.entry + 1} of \`${parameter.name}\`, a list parameter of ${where} that the code does not give`;
      // Only the entry itself is an argument a call can give; a member of it (`layer.units`) needs an object the check does not make.
      const itself = value.name === `${parameter.name}[${parameter.entry}]`;
      return { from: itself ? from : `\`${value.name ?? 'a member'}\` of ${from}`, owner: parameter.owner, ...(itself ? { argument: { index: parameter.index, name: parameter.name, entry: parameter.entry } } : {}) };
    }
    const direct = value.name === parameter.name && parameter.index !== undefined && parameter.owner !== undefined;
    // The parameter itself, of a function with no name to call it by (a constructor, a callback).
    if (value.name === parameter.name && !direct) return { from: `\`${parameter.name}\`, a parameter of ${where} that no call gives a value${value.defaultValue !== undefined ? ', at the default it declares' : ''}` };
    const destructured = isDestructured(parameter);
    const member = `\`${value.name ?? 'a member'}\``;
    const origin = direct
      ? `\`${parameter.name}\`, a parameter of ${where} that no call gives a value`
      : destructured
        ? `${member} of ${parameter.name} of ${where}, which no call gives a value`
        : `${member} of \`${parameter.name}\`, a parameter of ${where} that no call gives a value`;
    const declared = value.defaultValue !== undefined ? `, at the default it declares` : '';
    return { from: `${origin}${declared}`, owner, ...(direct ? { argument: { index: parameter.index!, name: parameter.name } } : {}) };
  }
  const line = value.span ? ` (line ${lineOf(value.span)})` : '';
  if (value.option !== undefined) return { from: `the command-line option ${value.option}${line}, known only when the script runs` };
  if (value.pageField !== undefined) return { from: `the field #${value.pageField} of the page${line}, known only when the page runs` };
  // A method of an object the analysis does not see into (`ui.getDenseUnits()`): the call names it.
  if (value.call !== undefined && value.name === undefined) return { from: `what \`${value.call}\` returns${line}, known only when the script runs` };
  const at = value.span ? `line ${lineOf(value.span)}, ` : '';
  // An index (`shape[1]`) names nothing a reader would recognise.
  const name = value.name !== undefined && !/^\d+$/.test(value.name) ? value.name : undefined;
  return { from: name !== undefined ? `\`${name}\`${line}, known only when the script runs` : `${at}a value known only when the script runs` };
}

/**
 * A size entry of a layer's config with stand-ins for the numbers the code does not know: a number,
 * or a list of numbers (an input shape, a kernel size) with `null` for the batch where it has one.
 * Undefined when something other than a number is missing.
 */
export function sizeWithStandIns(value: Value, factory: string, key: string, what: string, lineOf: LineOf, filled: StandInSize[]): SpecValue | undefined {
  const fill = (entry: Value, index: number, rank: number, entryWhat: string): SpecValue | undefined => {
    if (entry.kind === 'primitive' && (entry.value === null || (typeof entry.value === 'number' && Number.isFinite(entry.value)))) return entry.value;
    if (entry.kind !== 'unknown') return undefined;
    if (entry.reason === FREE_SIZE) return null;
    // The default the code declares is what a call without the value gives: closer to the code than any stand-in.
    const size = entry.defaultValue !== undefined && Number.isInteger(entry.defaultValue) && entry.defaultValue > 0 ? entry.defaultValue : standInSize(factory, key, index, rank);
    filled.push({ what: entryWhat, value: size, ...sizeSource(entry, lineOf) });
    return { $standIn: size };
  };
  if (SHAPE_KEYS.has(key) && value.kind !== 'array') {
    // A shape whose rank is not known (`base.outputs[0].shape.slice(1)`) gets the rank the layer takes;
    // a layer that takes any rank has no stand-in.
    const rank = sampleRank(factory);
    if (value.kind !== 'unknown' || rank === undefined) return undefined;
    const shape = Array.from({ length: rank }, (_, index) => standInSize(factory, key, index, rank));
    const batched = key === 'batchInputShape' || key === 'batchShape';
    // A batch shape takes the batch's `null` first, which an argument of numbers cannot hold: no call is made with it.
    const source = sizeSource(value, lineOf);
    const { argument: _argument, ...withoutArgument } = source;
    filled.push({ what, value: shape, ...(batched ? withoutArgument : source) });
    return batched ? [null, ...shape.map(($standIn) => ({ $standIn }))] : shape.map(($standIn) => ({ $standIn }));
  }
  if (value.kind === 'array') {
    if (!value.complete) return undefined;
    const batched = key === 'batchInputShape' || key === 'batchShape';
    const rank = value.elements.length - (batched ? 1 : 0);
    const entries = value.elements.map((entry, index) => fill(entry, batched ? index - 1 : index, rank, value.elements.length > 1 ? entryOf(what, index) : what));
    return entries.every((entry) => entry !== undefined) ? entries : undefined;
  }
  return fill(value, 0, 1, what);
}

/** The reason of a size written as `null`: any size fits. */
const FREE_SIZE = 'a size the code leaves free';

/**
 * An input shape whose sizes read as `undefined` (`[x.shape[1]]` of a tensor whose shape the analysis
 * does not know) has those sizes open, not absent: tfjs would get a number there when the code runs.
 */
export function withOpenDimensions(value: Value, key: string): Value {
  if (value.kind !== 'array' || !value.complete) return value;
  const first = key === 'batchInputShape' || key === 'batchShape' ? 1 : 0;
  // A size written as null is free (a sequence of any length): the data given to fit may say it, and
  // else it stays free (sizeWithStandIns), for a made-up batch to pick.
  const elements = value.elements.map((element, index): Value => (index >= first && element.kind === 'primitive' && (element.value === undefined || element.value === null) ? { kind: 'unknown', reason: element.value === null ? FREE_SIZE : 'a size the code reads from a value not known before it runs', ...(element.span ? { span: element.span } : {}) } : element));
  return elements.some((element, index) => element !== value.elements[index]) ? { ...value, elements } : value;
}

/**
 * Learning rates the check uses for one the code leaves open (a form field, a parameter): tfjs's
 * own default where it has one, else a rate that usually trains.
 */
export const STAND_IN_RATES: Readonly<Record<string, number>> = {
  'train.adam': 0.001,
  'train.adamax': 0.002,
  'train.adadelta': 0.001,
  'train.rmsprop': 0.001,
  'train.adagrad': 0.01,
  'train.sgd': 0.01,
  'train.momentum': 0.01,
};

/** A size or a shape as the code would write it. */
function shown(value: StandInArgumentValue): string {
  return typeof value === 'number' ? String(value) : `[${value.join(', ')}]`;
}

/**
 * The arguments execute mode may call the factory with, when every stand-in is one of its numeric
 * parameters and every parameter up to the last of them has one.
 */
function standInArguments(filled: readonly StandInSize[]): ModelTarget['standInArguments'] {
  const owner = filled[0]?.owner;
  if (!owner || !filled.every((size) => size.owner === owner && size.argument !== undefined)) return undefined;
  const byPosition = new Map<number, { value: StandInArgumentValue; name: string }>();
  for (const size of filled) {
    const { index, name, entry } = size.argument!;
    const known = byPosition.get(index);
    if (entry !== undefined) {
      // An entry of a list: the list grows entry by entry; an entry filled twice must agree.
      const list = known === undefined ? [] : Array.isArray(known.value) ? [...(known.value as readonly number[])] : undefined;
      if (!list || typeof size.value !== 'number' || (list[entry] !== undefined && list[entry] !== size.value)) return undefined;
      list[entry] = size.value;
      byPosition.set(index, { value: list, name });
      continue;
    }
    if (known && known.value !== size.value) return undefined;
    byPosition.set(index, { value: size.value, name });
  }
  // Only a function every parameter of which is a size: one that also takes data is no factory to call.
  const positions = Array.from({ length: Math.max(...byPosition.keys()) + 1 }, (_, index) => byPosition.get(index));
  if (positions.some((position) => position === undefined)) return undefined;
  // Every entry of a list is a size the code reads: one it never reads has no stand-in to give (holes count: `some` skips them).
  if (positions.some((position) => Array.isArray(position!.value) && Array.from(position!.value as readonly (number | undefined)[]).some((entry) => entry === undefined))) return undefined;
  return { owner, values: positions.map((position) => position!.value), described: positions.map((position) => `${shown(position!.value)} for \`${position!.name}\``).join(', ') };
}

/**
 * The stand-ins for the sizes the model's layers take straight from parameters of the function that
 * makes it, when no call gives them, for execute mode to call that function with: every layer the
 * analysis read counts, even when another one keeps the static build from rebuilding the model.
 */
export function factoryArguments(model: ModelNode, lineOf: LineOf): ModelTarget['standInArguments'] {
  const configs = modelLayers(model).map((layer) => ({ factory: layer.factory, config: layer.config }));
  const inputs = model.inputs?.kind === 'array' ? model.inputs.elements : model.inputs ? [model.inputs] : [];
  for (const input of inputs) if (input.kind === 'symbolic' && !input.layer && input.inputConfig) configs.push({ factory: 'input', config: input.inputConfig });
  const filled: StandInSize[] = [];
  for (const { factory, config } of configs) {
    if (config.kind !== 'object') continue;
    for (const [key, property] of config.props) {
      if (!SIZE_KEYS.has(key)) continue;
      const value = INPUT_SIZE_KEYS.has(key) ? withOpenDimensions(property.value, key) : property.value;
      sizeWithStandIns(value, factory, key, key, lineOf, filled);
    }
  }
  return standInArguments(filled.filter((size) => size.argument !== undefined));
}

/** Each stand-in in words: "8 for the input size of the dense layer (line 8) (from `features`, ...)". */
export function describeStandIns(filled: readonly StandInSize[]): string[] {
  return filled.map((size) => `${shown(size.value)} for ${size.what} (from ${size.from})`);
}

/** The note for the sizes the build filled in, naming where each real value would come from. */
export function standInNote(filled: readonly StandInSize[]): string | undefined {
  if (filled.length === 0) return undefined;
  const owners = [...new Set(filled.flatMap((size) => (size.owner ? [size.owner] : [])))];
  const list = describeStandIns(filled).join('; ');
  const real = owners.length > 0 ? `call ${owners.join(' or ')} from a script with real values and run the check on that script` : 'run the check in execute mode';
  const kinds = filled.every((size) => size.what.startsWith('the learning rate')) ? 'the learning rate' : filled.some((size) => size.what.startsWith('the learning rate')) ? 'every size and the learning rate' : 'every size';
  return `The code does not say ${kinds} of the model, so the check used stand-ins: ${list}. At your values the model may train differently: for a check at them, ${real}.`;
}
