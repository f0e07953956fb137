/**
 * Facts of a tensor computed by an operation, from the facts of its operands: exact values when the
 * operands are small and known, intervals otherwise, and shapes, integrality and class sets carried
 * through where each operation keeps them.
 */
import { activationRange } from '../../../../rules/core/domains';
import { UNBOUNDED, broadcastShape, closed, interval, point, type Interval, type TensorFacts } from '../../../../rules/core/facts';
import type { ModelNode } from '../../../../rules/core/graph';
import { outputHeads } from '../../../../rules/core/model';
import type { Span } from '../../../../rules/core/span';
import type { Value } from '../../../../rules/core/values';
import { distinctValues, elementCount, fromKnown, fromRange, isDType, knownData, numberList, numberValue, operandFacts, stringValue, unknownFacts } from './build';
import * as math from './interval-math';
import * as data from './known-data';
import type { TensorDraft } from './sources';

type Unary = { readonly exact: (x: number) => number; readonly range: (a: Interval) => Interval; readonly integer?: boolean; readonly keepsInteger?: boolean };

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
const softplus = (x: number): number => Math.log1p(Math.exp(-Math.abs(x))) + Math.max(x, 0);
const elu = (x: number): number => (x > 0 ? x : Math.expm1(x));
const SELU_SCALE = 1.0507009873554805;
const SELU_ALPHA = 1.6732632423543772;

/** An activation's range, cut down to what its input can reach (a monotone activation of a bounded input). */
function monotone(f: (x: number) => number, name: string): (a: Interval) => Interval {
  return (a) => {
    const full = activationRange(name) ?? UNBOUNDED;
    const lo = Number.isFinite(a.lo) ? f(a.lo) : full.lo;
    const hi = Number.isFinite(a.hi) ? f(a.hi) : full.hi;
    return interval(lo, hi, Number.isFinite(a.lo) ? a.loOpen : full.loOpen, Number.isFinite(a.hi) ? a.hiOpen : full.hiOpen);
  };
}

const UNARY_TABLE: Readonly<Record<string, Unary>> = {
  neg: { exact: (x) => -x, range: math.neg, keepsInteger: true },
  abs: { exact: Math.abs, range: math.abs, keepsInteger: true },
  square: { exact: (x) => x * x, range: math.square, keepsInteger: true },
  sqrt: { exact: Math.sqrt, range: math.sqrt },
  rsqrt: { exact: (x) => 1 / Math.sqrt(x), range: (a) => math.reciprocal(math.sqrt(a)) },
  exp: { exact: Math.exp, range: math.exp },
  expm1: { exact: Math.expm1, range: (a) => math.add(math.exp(a), point(-1)) },
  log: { exact: Math.log, range: math.log },
  log1p: { exact: Math.log1p, range: (a) => math.log(math.add(a, point(1))) },
  reciprocal: { exact: (x) => 1 / x, range: math.reciprocal },
  floor: { exact: Math.floor, range: (a) => math.increasing(a, Math.floor), integer: true },
  ceil: { exact: Math.ceil, range: (a) => math.increasing(a, Math.ceil), integer: true },
  round: { exact: Math.round, range: (a) => math.increasing(a, Math.round), integer: true },
  sign: { exact: Math.sign, range: (a) => math.increasing(a, Math.sign), integer: true },
  step: { exact: (x) => (x > 0 ? 1 : 0), range: (a) => math.increasing(a, (x) => (x > 0 ? 1 : 0)), integer: true },
  relu: { exact: (x) => Math.max(x, 0), range: (a) => math.maximum(a, point(0)), keepsInteger: true },
  relu6: { exact: (x) => Math.min(Math.max(x, 0), 6), range: (a) => math.clip(a, 0, 6), keepsInteger: true },
  sigmoid: { exact: sigmoid, range: monotone(sigmoid, 'sigmoid') },
  tanh: { exact: Math.tanh, range: monotone(Math.tanh, 'tanh') },
  softplus: { exact: softplus, range: monotone(softplus, 'softplus') },
  elu: { exact: elu, range: monotone(elu, 'elu') },
  selu: { exact: (x) => SELU_SCALE * (x > 0 ? x : SELU_ALPHA * Math.expm1(x)), range: monotone((x) => SELU_SCALE * (x > 0 ? x : SELU_ALPHA * Math.expm1(x)), 'selu') },
  logSigmoid: { exact: (x) => -softplus(-x), range: monotone((x) => -softplus(-x), 'logSigmoid') },
  sin: { exact: Math.sin, range: () => closed(-1, 1) },
  cos: { exact: Math.cos, range: () => closed(-1, 1) },
};

type Binary = { readonly exact: (x: number, y: number) => number; readonly range: (a: Interval, b: Interval) => Interval; readonly keepsInteger?: boolean; readonly integer?: boolean };

const BINARY_TABLE: Readonly<Record<string, Binary>> = {
  add: { exact: (x, y) => x + y, range: math.add, keepsInteger: true },
  sub: { exact: (x, y) => x - y, range: math.sub, keepsInteger: true },
  mul: { exact: (x, y) => x * y, range: math.mul, keepsInteger: true },
  div: { exact: (x, y) => x / y, range: math.div },
  divNoNan: { exact: (x, y) => (y === 0 ? 0 : x / y), range: (a, b) => math.hull(math.div(a, b), point(0)) },
  floorDiv: { exact: (x, y) => Math.floor(x / y), range: (a, b) => math.div(a, b), integer: true },
  maximum: { exact: Math.max, range: math.maximum, keepsInteger: true },
  minimum: { exact: Math.min, range: math.minimum, keepsInteger: true },
  squaredDifference: { exact: (x, y) => (x - y) ** 2, range: (a, b) => math.square(math.sub(a, b)), keepsInteger: true },
  pow: { exact: (x, y) => x ** y, range: (a, b) => (b.lo === b.hi ? math.pow(a, b.lo) : UNBOUNDED) },
};

// As maps: a lookup by operation name never reaches Object.prototype.
const UNARY: ReadonlyMap<string, Unary> = new Map(Object.entries(UNARY_TABLE));
const BINARY: ReadonlyMap<string, Binary> = new Map(Object.entries(BINARY_TABLE));

const COMPARISONS = new Set(['equal', 'notEqual', 'greater', 'greaterEqual', 'less', 'lessEqual', 'logicalAnd', 'logicalOr', 'logicalNot', 'isNaN', 'isFinite', 'isInf']);

/** Operations that only move values around: the values (and their range) stay those of the input. */
const REARRANGING = new Set(['reshape', 'expandDims', 'squeeze', 'flatten', 'clone', 'variable', 'as1D', 'as2D', 'as3D', 'as4D', 'transpose', 'reverse', 'tile', 'slice', 'gather', 'identity']);

/** Facts of the result of an operation, or undefined when it is not one this module models. */
export function operationFacts(draft: TensorDraft): TensorFacts | undefined {
  const { op, args, argSpans, span } = draft;
  const operand = (index: number): TensorFacts | undefined => operandFacts(args[index], argSpans[index], span);
  const unary = UNARY.get(op);
  if (unary) return unaryFacts(operand(0), unary, span, op);
  const binary = BINARY.get(op);
  if (binary) return binaryFacts(draft, operand(0), operand(1), binary);
  if (COMPARISONS.has(op)) return { ...broadcastShapeFacts(operand(0), operand(1)), range: closed(0, 1), integer: true, distinct: [0, 1], dtype: 'bool', origin: span };
  if (REARRANGING.has(op)) return rearranged(draft, operand(0));
  switch (op) {
    case 'clipByValue': {
      const lo = numberValue(args[1]);
      const hi = numberValue(args[2]);
      const input = operand(0);
      if (!input || lo === undefined || hi === undefined) return unknownFacts(span, input?.shape);
      const exact = knownData(input);
      if (exact) return fromKnown(data.map(exact, (x) => Math.min(Math.max(x, lo), hi)), span);
      return { ...carried(input), range: math.clip(input.range, lo, hi), integer: input.integer && Number.isInteger(lo) && Number.isInteger(hi), origin: span };
    }
    case 'leakyRelu': {
      const input = operand(0);
      const alpha = args[1] === undefined ? 0.2 : numberValue(args[1]);
      if (!input || alpha === undefined) return unknownFacts(span, input?.shape);
      // Positive values pass, negative ones are scaled by alpha.
      return { ...carried(input), range: math.hull(math.maximum(input.range, point(0)), math.mul(math.minimum(input.range, point(0)), point(alpha))), integer: false, origin: span };
    }
    case 'softmax':
    case 'logSoftmax': {
      const input = operand(0);
      return { ...(input?.shape ? { shape: input.shape } : {}), range: activationRange(op)!, integer: false, origin: span, what: `the result of ${op}` };
    }
    case 'cast':
    case 'asType':
    case 'toFloat':
    case 'toInt':
    case 'toBool':
      return castFacts(draft, operand(0));
    case 'sum':
    case 'mean':
    case 'max':
    case 'min':
    case 'prod':
      return reductionFacts(draft, operand(0), op);
    case 'moments.mean':
      return reductionFacts(draft, operand(0), 'mean');
    case 'moments.variance':
      return varianceFacts(draft, operand(0));
    case 'argMax':
    case 'argMin': {
      const input = operand(0);
      const axis = args[1] === undefined ? 0 : numberValue(args[1]);
      const rank = input?.shape?.length;
      const along = axis !== undefined && rank !== undefined ? data.normaliseAxis(axis, rank) : undefined;
      const size = along !== undefined ? input?.shape?.[along] : undefined;
      const shape = along !== undefined ? input?.shape?.filter((_, index) => index !== along) : undefined;
      return { shape, range: size !== undefined ? closed(0, size - 1) : interval(0, Infinity, false, true), integer: true, dtype: 'int32', origin: span };
    }
    case 'concat':
    case 'stack':
      return joinedFacts(draft);
    case 'where': {
      const a = operand(1);
      const b = operand(2);
      if (!a || !b) return unknownFacts(span);
      return { range: math.hull(a.range, b.range), integer: a.integer && b.integer, origin: span };
    }
    case 'matMul':
    case 'dot':
      return matMulFacts(draft, operand(0), operand(1));
    case 'norm':
      return { shape: [], range: interval(0, Infinity, false, true), integer: false, origin: span };
    case 'logSumExp':
      return unknownFacts(span);
    case 'image.resizeBilinear':
    case 'image.resizeNearestNeighbor': {
      const input = operand(0);
      if (!input) return unknownFacts(span);
      const nearest = op === 'image.resizeNearestNeighbor';
      return { range: input.range, integer: nearest && input.integer, origin: input.origin, what: input.what, ...(nearest && input.distinct ? { distinct: input.distinct } : {}) };
    }
    case 'predict':
    case 'apply':
    case 'call':
    case 'predictOnBatch':
    case 'execute':
      return modelOutputFacts(draft);
  }
  return undefined;
}

/** Facts that survive an operation which keeps each value's place: shape and row order. */
function carried(input: TensorFacts): Partial<TensorFacts> {
  return { shape: input.shape, order: input.order };
}

/**
 * Grouping by class survives any function applied to each value on its own (equal values stay equal);
 * sorting by value would need a monotone function, so it is not carried.
 */
function classOrder(input: TensorFacts): Partial<TensorFacts> {
  return input.order?.kind === 'byClass' ? { order: input.order } : {};
}

function unaryFacts(input: TensorFacts | undefined, unary: Unary, span: Span, op: string): TensorFacts {
  if (!input) return unknownFacts(span);
  const exact = knownData(input);
  if (exact) return fromKnown(data.map(exact, unary.exact), span, classOrder(input));
  const distinct = input.distinct ? distinctValues(input.distinct.map(unary.exact)) : undefined;
  return {
    shape: input.shape,
    ...classOrder(input),
    range: unary.range(input.range),
    integer: unary.integer === true || (unary.keepsInteger === true && input.integer),
    distinct,
    origin: span,
    ...(op === 'sigmoid' || op === 'tanh' ? { what: `the result of ${op}` } : {}),
  };
}

function broadcastShapeFacts(a: TensorFacts | undefined, b: TensorFacts | undefined): Partial<TensorFacts> {
  if (!a?.shape || !b?.shape || a.shape.some((dim) => dim === undefined) || b.shape.some((dim) => dim === undefined)) return {};
  const shape = broadcastShape(a.shape as number[], b.shape as number[]);
  return shape ? { shape } : {};
}

function binaryFacts(draft: TensorDraft, a: TensorFacts | undefined, b: TensorFacts | undefined, binary: Binary): TensorFacts {
  const { span } = draft;
  if (!a || !b) return unknownFacts(span);
  const exactA = knownData(a);
  const exactB = knownData(b);
  // The data operand's row order survives arithmetic with a scalar (scaling, shifting).
  const order = b.shape?.length === 0 ? classOrder(a) : a.shape?.length === 0 ? classOrder(b) : {};
  if (exactA && exactB) {
    const result = data.elementwise(exactA, exactB, binary.exact);
    if (result) return fromKnown(result, span, order);
  }
  const scalarB = b.values?.length === 1 ? b.values[0] : undefined;
  const scalarA = a.values?.length === 1 ? a.values[0] : undefined;
  const distinct =
    a.distinct && scalarB !== undefined ? distinctValues(a.distinct.map((x) => binary.exact(x, scalarB))) : b.distinct && scalarA !== undefined ? distinctValues(b.distinct.map((y) => binary.exact(scalarA, y))) : undefined;
  const integer = binary.integer === true || (binary.keepsInteger === true && a.integer && b.integer) || (distinct !== undefined && distinct.every(Number.isInteger));
  const range = distinct ? math.ofValues(distinct) : binary.range(a.range, b.range);
  const normalised = normalisation(draft, a, b, scalarA, scalarB);
  return { ...broadcastShapeFacts(a, b), range: minMaxScaled(draft) ?? range, integer, distinct, origin: span, ...order, normalised };
}

/** Divisors that mean pixels scaled to [0, 1], or to [-1, 1] once 1 is subtracted. */
const UNIT_DIVISORS = new Set([255, 256]);
const SYMMETRIC_DIVISORS = new Set([127.5, 128]);

/** A statistic of the data a divisor is when it standardises or rescales: a deviation, a maximum, a norm. */
function isSpreadStatistic(value: Value | undefined): boolean {
  if (value?.kind !== 'tensor') return false;
  if (value.op === 'sqrt' || value.op === 'norm' || value.op === 'max') return true;
  return value.op === 'sub' && opOf(value.args[0]) === 'max' && opOf(value.args[1]) === 'min';
}

function opOf(value: Value | undefined): string | undefined {
  return value?.kind === 'tensor' ? value.op : undefined;
}

/**
 * Whether the result is the input scaled in one of the usual ways, when the values themselves are not
 * known: the scaling is a sign of intent that rules about unscaled data respect.
 */
function normalisation(draft: TensorDraft, a: TensorFacts, b: TensorFacts, scalarA: number | undefined, scalarB: number | undefined): TensorFacts['normalised'] {
  const { op, args, span } = draft;
  if (op === 'div' && scalarB !== undefined) {
    if (UNIT_DIVISORS.has(scalarB)) return { kind: 'unit', span };
    if (SYMMETRIC_DIVISORS.has(scalarB)) return { kind: 'symmetric', span };
  }
  if (op === 'div' && isSpreadStatistic(args[1])) return { kind: opOf(args[1]) === 'sqrt' ? 'standardised' : 'unit', span };
  // Shifting or scaling normalised values by a constant keeps them normalised; x / 127.5 - 1 is in [-1, 1].
  const kept = a.normalised && (scalarB !== undefined || b.normalised) ? a.normalised : b.normalised && scalarA !== undefined ? b.normalised : undefined;
  if (kept?.kind === 'symmetric' && op === 'sub' && scalarB === 1) return kept;
  return kept && (op === 'add' || op === 'sub' || op === 'mul' || op === 'div') ? kept : undefined;
}

/** `(x - min(x)) / (max(x) - min(x))` lies in [0, 1] whatever x is (where max > min). */
function minMaxScaled(draft: TensorDraft): Interval | undefined {
  const [numerator, denominator] = draft.args;
  if (draft.op !== 'div' || numerator?.kind !== 'tensor' || denominator?.kind !== 'tensor') return undefined;
  if (numerator.op !== 'sub' || denominator.op !== 'sub' || opOf(numerator.args[1]) !== 'min' || opOf(denominator.args[0]) !== 'max' || opOf(denominator.args[1]) !== 'min') return undefined;
  const data = numerator.args[0];
  const statisticOf = (value: Value | undefined): Value | undefined => (value?.kind === 'tensor' ? value.args[0] : undefined);
  return statisticOf(numerator.args[1]) === data && statisticOf(denominator.args[0]) === data && statisticOf(denominator.args[1]) === data ? closed(0, 1) : undefined;
}

function castFacts(draft: TensorDraft, input: TensorFacts | undefined): TensorFacts {
  const { op, args, span } = draft;
  if (!input) return unknownFacts(span);
  const target = op === 'toFloat' ? 'float32' : op === 'toInt' ? 'int32' : op === 'toBool' ? 'bool' : stringValue(args[1]);
  const dtype = isDType(target) ? target : undefined;
  if (dtype === 'int32') {
    const exact = knownData(input);
    if (exact) return fromKnown(data.map(exact, Math.trunc), span, { dtype, order: input.order });
    return { ...input, range: math.increasing(input.range, Math.trunc), integer: true, dtype, ...(input.distinct ? { distinct: distinctValues(input.distinct.map(Math.trunc))! } : {}) };
  }
  if (dtype === 'bool') return { ...carried(input), range: closed(0, 1), integer: true, distinct: [0, 1], dtype, origin: span };
  // Casting to float keeps the values (and where they came from: the pixels stay pixels).
  return { ...input, dtype };
}

function rearranged(draft: TensorDraft, input: TensorFacts | undefined): TensorFacts {
  const { op, args, span } = draft;
  // A reshape of an unknown tensor still has the shape it asks for (`x.as4D(-1, 28, 28, 1)`).
  if (!input) return unknownFacts(span, reshapeTarget(op, args) && rearrangedShape(op, args, undefined));
  const shape = rearrangedShape(op, args, input.shape);
  const exact = knownData(input);
  if (exact) {
    const result = rearrangedData(op, args, exact);
    if (result) return fromKnown(result, input.origin, { dtype: input.dtype, what: input.what, ...keptOrder(op, input) });
  }
  // Picking a subset can only narrow the set of values: the interval and the distinct values stay safe bounds.
  return {
    range: input.range,
    integer: input.integer,
    origin: input.origin,
    shape,
    distinct: input.distinct,
    dtype: input.dtype,
    what: input.what,
    ...(input.stddev !== undefined ? { stddev: input.stddev } : {}),
    normalised: input.normalised,
    ...keptOrder(op, input),
  };
}

/** Row order survives operations that keep the rows in place. */
function keptOrder(op: string, input: TensorFacts): Partial<TensorFacts> {
  return input.order && (op === 'expandDims' || op === 'clone' || op === 'variable' || op === 'flatten' || op === 'reshape') ? { order: input.order } : {};
}

/** The sizes a reshape asks for (`reshape(x, [-1, 4])`, `x.as2D(-1, 4)`), -1 where it is inferred. */
function reshapeTarget(op: string, args: readonly Value[]): number[] | undefined {
  if (op === 'reshape') return numberList(args[1]);
  if (op !== 'as2D' && op !== 'as3D' && op !== 'as4D') return undefined;
  const sizes = args.slice(1).map(numberValue);
  return sizes.length === Number(op[2]) && sizes.every((size): size is number => size !== undefined) ? sizes : undefined;
}

function rearrangedShape(op: string, args: readonly Value[], shape: readonly (number | undefined)[] | undefined): (number | undefined)[] | undefined {
  switch (op) {
    case 'reshape':
    case 'as2D':
    case 'as3D':
    case 'as4D': {
      const target = reshapeTarget(op, args);
      if (!target) return undefined;
      const total = elementCount(shape);
      const knownPart = target.filter((dim) => dim !== -1).reduce((product, dim) => product * dim, 1);
      return target.map((dim) => (dim === -1 ? (total !== undefined && knownPart > 0 ? total / knownPart : undefined) : dim));
    }
    case 'expandDims': {
      if (!shape) return undefined;
      const axis = args[1] === undefined ? 0 : numberValue(args[1]);
      const along = axis !== undefined ? data.normaliseAxis(axis, shape.length + 1) : undefined;
      return along === undefined ? undefined : [...shape.slice(0, along), 1, ...shape.slice(along)];
    }
    case 'squeeze': {
      if (!shape) return undefined;
      const axes = args[1] === undefined ? undefined : numberList(args[1]);
      if (axes === undefined && args[1] !== undefined) return undefined;
      if (axes === undefined) return shape.some((dim) => dim === undefined) ? undefined : shape.filter((dim) => dim !== 1);
      const along = new Set(axes.map((axis) => data.normaliseAxis(axis, shape.length)));
      return shape.filter((_, index) => !along.has(index));
    }
    case 'flatten':
    case 'as1D':
      return [elementCount(shape)];
    case 'clone':
    case 'variable':
    case 'identity':
    case 'reverse':
      return shape ? [...shape] : undefined;
    case 'transpose': {
      if (!shape) return undefined;
      const perm = args[1] === undefined ? shape.map((_, index) => shape.length - 1 - index) : numberList(args[1]);
      return perm ? perm.map((axis) => shape[axis]) : undefined;
    }
    case 'slice': {
      if (!shape) return undefined;
      const begin = numberList(args[1]) ?? (numberValue(args[1]) !== undefined ? [numberValue(args[1])!] : undefined);
      const size = args[2] === undefined ? undefined : (numberList(args[2]) ?? (numberValue(args[2]) !== undefined ? [numberValue(args[2])!] : undefined));
      if (!begin) return undefined;
      return shape.map((dim, axis) => {
        const wanted = size?.[axis] ?? -1;
        const start = begin[axis] ?? 0;
        return wanted === -1 ? (dim === undefined ? undefined : dim - start) : wanted;
      });
    }
    case 'gather': {
      const indices = args[1]?.kind === 'tensor' ? args[1].facts.shape : scanIndices(args[1])?.length !== undefined ? [scanIndices(args[1])!.length] : undefined;
      const axis = args[2] === undefined ? 0 : numberValue(args[2]);
      if (!shape || !indices || axis === undefined) return undefined;
      const along = data.normaliseAxis(axis, shape.length);
      return along === undefined ? undefined : [...shape.slice(0, along), ...indices, ...shape.slice(along + 1)];
    }
    case 'tile': {
      const reps = numberList(args[1]);
      return shape && reps && reps.length === shape.length ? shape.map((dim, axis) => (dim === undefined ? undefined : dim * reps[axis]!)) : undefined;
    }
  }
  return undefined;
}

function scanIndices(value: Value | undefined): number[] | undefined {
  return numberList(value);
}

function rearrangedData(op: string, args: readonly Value[], input: data.KnownData): data.KnownData | undefined {
  const shape = rearrangedShape(op, args, input.shape);
  switch (op) {
    case 'reshape':
    case 'expandDims':
    case 'squeeze':
    case 'flatten':
    case 'as1D':
    case 'clone':
    case 'variable':
    case 'identity':
      return shape && shape.every((dim) => dim !== undefined) ? data.reshape(input, shape as number[]) : undefined;
    case 'transpose':
      return data.transpose(input, args[1] === undefined ? undefined : numberList(args[1]));
    case 'slice': {
      const begin = numberList(args[1]) ?? (numberValue(args[1]) !== undefined ? [numberValue(args[1])!] : undefined);
      const size = args[2] === undefined ? undefined : (numberList(args[2]) ?? (numberValue(args[2]) !== undefined ? [numberValue(args[2])!] : undefined));
      return begin ? data.slice(input, begin, size) : undefined;
    }
    case 'gather': {
      const indices = args[1]?.kind === 'tensor' ? args[1].facts.values : numberList(args[1]);
      const axis = args[2] === undefined ? 0 : numberValue(args[2]);
      return indices && axis !== undefined ? data.gather(input, indices, axis) : undefined;
    }
  }
  return undefined;
}

function reductionFacts(draft: TensorDraft, input: TensorFacts | undefined, op: 'sum' | 'mean' | 'max' | 'min' | 'prod'): TensorFacts {
  const { args, span } = draft;
  if (!input) return unknownFacts(span);
  const axisArg = args[1];
  const axes = axisArg === undefined || (axisArg.kind === 'primitive' && axisArg.value === null) ? undefined : (numberList(axisArg) ?? (numberValue(axisArg) !== undefined ? [numberValue(axisArg)!] : null));
  const keepDims = args[2]?.kind === 'primitive' && args[2].value === true;
  if (axes === null) return unknownFacts(span);
  const exact = knownData(input);
  if (exact) {
    const result = data.reduce(exact, op, axes, keepDims);
    if (result) return fromKnown(result, span);
  }
  const rank = input.shape?.length;
  const along = axes === undefined ? undefined : axes.map((axis) => (rank !== undefined ? data.normaliseAxis(axis, rank) : undefined));
  const shape = axes === undefined ? (keepDims && input.shape ? input.shape.map(() => 1) : []) : rank !== undefined && along!.every((axis) => axis !== undefined) ? input.shape!.flatMap((dim, index) => (along!.includes(index) ? (keepDims ? [1] : []) : [dim])) : undefined;
  const count = axes === undefined ? elementCount(input.shape) : along!.every((axis) => axis !== undefined) ? elementCount(along!.map((axis) => input.shape?.[axis!])) : undefined;
  let range: Interval;
  switch (op) {
    case 'max':
    case 'min':
    case 'mean':
      // Any mean, maximum or minimum of values in an interval lies in that interval.
      range = input.range;
      break;
    case 'sum':
      range = math.sumOf(input.range, count);
      break;
    case 'prod':
      range = UNBOUNDED;
      break;
  }
  const integer = (op === 'max' || op === 'min' || op === 'sum' || op === 'prod') && input.integer;
  return { shape, range, integer, origin: span };
}

/** A variance is never negative, and at most a quarter of the squared width of the values' range. */
function varianceFacts(draft: TensorDraft, input: TensorFacts | undefined): TensorFacts {
  const { args, span } = draft;
  if (!input) return fromRange(interval(0, Infinity, false, true), span);
  const exact = knownData(input);
  const axisArg = args[1];
  const axes = axisArg === undefined ? undefined : (numberList(axisArg) ?? (numberValue(axisArg) !== undefined ? [numberValue(axisArg)!] : null));
  const keepDims = args[2]?.kind === 'primitive' && args[2].value === true;
  if (exact && axes !== null) {
    const mean = data.reduce(exact, 'mean', axes, true);
    const squares = mean ? data.elementwise(exact, mean, (x, m) => (x - m) ** 2) : undefined;
    const variance = squares ? data.reduce(squares, 'mean', axes, keepDims) : undefined;
    if (variance) return fromKnown(variance, span);
  }
  const width = input.range.hi - input.range.lo;
  return fromRange(Number.isFinite(width) ? closed(0, (width * width) / 4) : interval(0, Infinity, false, true), span);
}

function joinedFacts(draft: TensorDraft): TensorFacts {
  const { op, args, span } = draft;
  const list = args[0];
  if (list?.kind !== 'array' || !list.complete || list.elements.length === 0) return unknownFacts(span);
  const parts = list.elements.map((element) => operandFacts(element, undefined, span));
  if (parts.some((part) => !part)) return unknownFacts(span);
  const facts = parts as TensorFacts[];
  const axis = args[1] === undefined ? 0 : numberValue(args[1]);
  if (axis === undefined) return unknownFacts(span);
  const exact = facts.map(knownData);
  if (exact.every((part) => part !== undefined)) {
    const result = op === 'concat' ? data.concat(exact as data.KnownData[], axis) : data.stack(exact as data.KnownData[], axis);
    if (result) return fromKnown(result, span, joinedOrder(facts, axis, span));
  }
  const range = facts.map((part) => part.range).reduce(math.hull);
  const distinctAll = facts.every((part) => part.distinct) ? distinctValues(facts.flatMap((part) => part.distinct!)) : undefined;
  // Parts of one kind (all pixels, say) keep what they are, and the first part shows where.
  const first = facts[0]!;
  const sameKind = first.what !== undefined && facts.every((part) => part.what === first.what);
  return {
    range,
    integer: facts.every((part) => part.integer),
    distinct: distinctAll,
    origin: sameKind ? first.origin : span,
    ...(sameKind ? { what: first.what } : {}),
    ...joinedOrder(facts, axis, span),
  };
}

/** Blocks of one class each, joined along the rows, are ordered by class. */
function joinedOrder(parts: readonly TensorFacts[], axis: number, span: Span): Partial<TensorFacts> {
  if (axis !== 0 || parts.length < 2) return {};
  const classes = parts.map((part) => (part.distinct?.length === 1 ? part.distinct[0] : undefined));
  if (classes.some((value) => value === undefined) || new Set(classes).size < 2) return {};
  return classes.every((value, index) => index === 0 || value! >= classes[index - 1]!) ? { order: { kind: 'byClass', span } } : {};
}

function matMulFacts(draft: TensorDraft, a: TensorFacts | undefined, b: TensorFacts | undefined): TensorFacts {
  const { args, span } = draft;
  if (!a || !b) return unknownFacts(span);
  const transposeA = args[2]?.kind === 'primitive' && args[2].value === true;
  const transposeB = args[3]?.kind === 'primitive' && args[3].value === true;
  const shapeA = a.shape?.length === 2 ? (transposeA ? [a.shape[1], a.shape[0]] : a.shape) : undefined;
  const shapeB = b.shape?.length === 2 ? (transposeB ? [b.shape[1], b.shape[0]] : b.shape) : undefined;
  const inner = shapeA?.[1] ?? shapeB?.[0];
  const shape = shapeA && shapeB ? { shape: [shapeA[0], shapeB[1]] } : {};
  return { ...shape, range: math.sumOf(math.mul(a.range, b.range), inner), integer: a.integer && b.integer, origin: span };
}

/** The output activation of a model, as of now. */
function outputActivation(model: ModelNode): string | undefined {
  const heads = outputHeads(model);
  const head = heads.length === 1 ? heads[0] : undefined;
  return head?.activation.known ? head.activation.name : undefined;
}

/** A model's predictions lie in its output activation's range. */
function modelOutputFacts(draft: TensorDraft): TensorFacts {
  const { model, span } = draft;
  const activation = model ? outputActivation(model) : undefined;
  const range = activation ? activationRange(activation) : undefined;
  return model && activation && range ? fromRange(range, span, { what: `the output of ${model.name ?? 'the model'}, which ends in ${activation}` }) : unknownFacts(span);
}
