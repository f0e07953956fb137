/** Facts of tensors made from nothing but their arguments: literal data, factories, random draws, images. */
import { closed, interval, type TensorFacts } from '../../../../rules/core/facts';
import type { TensorValue, Value } from '../../../../rules/core/values';
import { fromRange, fromValues, isDType, numberList, numberValue, shapeArgument, stringValue, unknownFacts } from './build';
import { MAX_KNOWN_VALUES, sizeOf } from './known-data';
import { castLeaves, literalFacts, loopBuiltFacts, scanLiteral } from './literal';

export type TensorDraft = Omit<TensorValue, 'facts'>;

/** Constant tensors (zeros, ones, fill) up to this size keep their values. */
const MAX_CONSTANT_VALUES = 64;

const FIXED_RANK_FACTORIES: ReadonlyMap<string, number> = new Map([['scalar', 0], ['tensor1d', 1], ['tensor2d', 2], ['tensor3d', 3], ['tensor4d', 4], ['tensor5d', 5], ['tensor6d', 6]]);

/** Pixels: whole numbers from 0 to 255 in an int32 tensor. */
const IMAGE_DECODERS = new Set([
  'browser.fromPixels', 'browser.fromPixelsAsync', 'node.decodeImage', 'node.decodeJpeg', 'node.decodePng', 'node.decodeBmp', 'node.decodeGif',
]);

/** Facts of a tensor made by a factory, or undefined when `draft` is not one. */
export function sourceFacts(draft: TensorDraft): TensorFacts | undefined {
  const { op, args, span } = draft;
  if (op === 'tensor' || FIXED_RANK_FACTORIES.has(op)) return dataFacts(draft);
  if (IMAGE_DECODERS.has(op)) {
    return fromRange(closed(0, 255), span, { integer: true, dtype: 'int32', what: `pixels from tf.${op}` });
  }
  switch (op) {
    case 'zeros':
    case 'ones':
      return constantFacts(draft, shapeArgument(args[0]), op === 'zeros' ? 0 : 1, stringValue(args[1]));
    case 'fill': {
      const value = numberValue(args[1]);
      return value === undefined ? unknownFacts(span, shapeArgument(args[0])) : constantFacts(draft, shapeArgument(args[0]), value, stringValue(args[2]));
    }
    case 'zerosLike':
    case 'onesLike': {
      const shape = args[0]?.kind === 'tensor' ? args[0].facts.shape : undefined;
      return constantFacts(draft, shape, op === 'zerosLike' ? 0 : 1, undefined);
    }
    case 'range':
      return rangeFacts(draft);
    case 'linspace':
      return linspaceFacts(draft);
    case 'eye': {
      const rows = numberValue(args[0]);
      const columns = numberValue(args[1]) ?? rows;
      return { shape: [rows, columns], range: closed(0, 1), integer: true, distinct: [0, 1], origin: span };
    }
    case 'randomUniform': {
      const low = args[1] === undefined ? 0 : numberValue(args[1]);
      const high = args[2] === undefined ? 1 : numberValue(args[2]);
      const dtype = stringValue(args[3]);
      if (low === undefined || high === undefined) return unknownFacts(span, shapeArgument(args[0]));
      const integer = dtype === 'int32';
      return fromRange(integer ? closed(low, high - 1) : interval(low, high, false, true), span, {
        ...(shapeArgument(args[0]) ? { shape: shapeArgument(args[0])! } : {}),
        integer,
        dtype: integer ? 'int32' : 'float32',
        what: `values drawn between ${low} and ${high}`,
      });
    }
    case 'randomNormal':
    case 'truncatedNormal': {
      const mean = args[1] === undefined ? 0 : numberValue(args[1]);
      const stddev = args[2] === undefined ? 1 : numberValue(args[2]);
      if (mean === undefined || stddev === undefined) return unknownFacts(span, shapeArgument(args[0]));
      // A normal distribution has no bounds; the truncated one redraws anything beyond two deviations.
      const range = op === 'truncatedNormal' ? closed(mean - 2 * stddev, mean + 2 * stddev) : interval(-Infinity, Infinity, true, true);
      return fromRange(range, span, { ...(shapeArgument(args[0]) ? { shape: shapeArgument(args[0])! } : {}), stddev, dtype: 'float32' });
    }
    case 'oneHot': {
      const depth = numberValue(args[1]);
      const indices = args[0]?.kind === 'tensor' ? args[0].facts : undefined;
      const shape = indices?.shape ? [...indices.shape, depth] : undefined;
      return { shape, range: closed(0, 1), integer: true, distinct: [0, 1], dtype: 'int32', origin: span, ...(indices?.order ? { order: indices.order } : {}) };
    }
  }
  return undefined;
}

/**
 * Nested data without a shape argument has as many rows as its outer array has elements, even when
 * the elements are not known (`tf.tensor2d([state])` holds one sample).
 */
function withOuterLength(shape: (number | undefined)[], data: Value | undefined, shapeArgument: Value | undefined): (number | undefined)[] {
  if (shapeArgument !== undefined || data?.kind !== 'array' || !data.complete || data.segments || shape.length === 0) return shape;
  return [data.elements.length, ...shape.slice(1)];
}

/** `tf.tensor(data, shape?, dtype?)` and the fixed-rank factories. */
function dataFacts(draft: TensorDraft): TensorFacts {
  const { op, args, span } = draft;
  const literal = scanLiteral(args[0]);
  // tf.scalar(value, dtype) and tf.tensor1d(values, dtype) take no shape.
  const takesShape = op !== 'scalar' && op !== 'tensor1d';
  const shapeArg = takesShape ? numberList(args[1]) : undefined;
  const dtypeName = stringValue(takesShape ? args[2] : args[1]);
  const dtype = isDType(dtypeName) ? dtypeName : undefined;
  const typed = dtype ? { dtype } : {};
  if (!literal) {
    const loopBuilt = loopBuiltFacts(args[0], span, dtype);
    if (loopBuilt) return loopBuilt;
    const rank = FIXED_RANK_FACTORIES.get(op);
    const partial = takesShape ? shapeArgument(args[1]) : undefined;
    const shape = shapeArg ?? partial ?? (rank !== undefined ? withOuterLength(new Array<undefined>(rank).fill(undefined), args[0], args[1]) : undefined);
    // The data is not known, but its type says something: int32 holds whole numbers, bool 0 and 1.
    if (dtype === 'int32') return { ...unknownFacts(span, shape), integer: true, dtype };
    if (dtype === 'bool') return { ...unknownFacts(span, shape), range: closed(0, 1), integer: true, distinct: [0, 1], dtype };
    return { ...unknownFacts(span, shape), ...typed };
  }
  const shape = shapeArg && sizeOf(shapeArg) === literal.leaves.length ? shapeArg : undefined;
  return literalFacts({ shape: literal.shape, leaves: castLeaves(literal.leaves, dtype) }, span, shape, typed);
}

function constantFacts(draft: TensorDraft, shape: readonly (number | undefined)[] | undefined, value: number, dtypeName: string | undefined): TensorFacts {
  const dtype = isDType(dtypeName) ? { dtype: dtypeName } : {};
  const count = shape && shape.every((dim) => dim !== undefined) ? sizeOf(shape as number[]) : undefined;
  // Small constants keep their values, for exact results of what is computed from them; the range
  // says everything else about a larger one.
  if (count !== undefined && count <= MAX_CONSTANT_VALUES) return fromValues(shape as number[], new Array<number>(count).fill(value), draft.span, dtype);
  return { shape, range: closed(value, value), integer: Number.isInteger(value), distinct: [value], origin: draft.span, ...dtype };
}

/** `tf.range(start, stop, step = 1)`: every value from start up to (not including) stop. */
function rangeFacts(draft: TensorDraft): TensorFacts {
  const { args, span } = draft;
  const start = numberValue(args[0]);
  const stop = numberValue(args[1]);
  const step = args[2] === undefined ? 1 : numberValue(args[2]);
  if (start === undefined || stop === undefined || step === undefined || step === 0) return unknownFacts(span);
  const count = Math.max(0, Math.ceil((stop - start) / step));
  const dtype = stringValue(args[3]) === 'int32' ? { dtype: 'int32' as const } : {};
  const order = count >= 2 ? { order: { kind: 'sorted' as const, span } } : {};
  if (count <= MAX_KNOWN_VALUES) return fromValues([count], Array.from({ length: count }, (_, index) => start + index * step), span, { ...dtype, ...order });
  const last = start + (count - 1) * step;
  return fromRange(closed(Math.min(start, last), Math.max(start, last)), span, { shape: [count], integer: Number.isInteger(start) && Number.isInteger(step), ...dtype, ...order });
}

/** `tf.linspace(start, stop, num)`: num evenly spaced values, both ends included. */
function linspaceFacts(draft: TensorDraft): TensorFacts {
  const { args, span } = draft;
  const start = numberValue(args[0]);
  const stop = numberValue(args[1]);
  const count = numberValue(args[2]);
  if (start === undefined || stop === undefined || count === undefined || !Number.isInteger(count) || count < 1) return unknownFacts(span);
  const order = count >= 2 ? { order: { kind: 'sorted' as const, span } } : {};
  if (count <= MAX_KNOWN_VALUES) {
    const step = count === 1 ? 0 : (stop - start) / (count - 1);
    return fromValues([count], Array.from({ length: count }, (_, index) => start + index * step), span, order);
  }
  return fromRange(closed(Math.min(start, stop), Math.max(start, stop)), span, { shape: [count], ...order });
}
