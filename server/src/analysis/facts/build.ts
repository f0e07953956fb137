/** Making tensor facts from data, ranges and operands: the pieces the sources and the operations share. */
import { UNBOUNDED, point, type DType, type Interval, type TensorFacts } from '../../../../rules/core/facts';
import type { Span } from '../../../../rules/core/span';
import type { ArrayValue, Value } from '../../../../rules/core/values';
import { ofValues } from './interval-math';
import { MAX_KNOWN_VALUES, known, type KnownData } from './known-data';
import { classOrder } from './literal';

/** Sets of distinct values larger than this are not kept. */
export const MAX_DISTINCT = 32;

/** Literal data with more leaves than this is not scanned. */
export const MAX_SCANNED_LEAVES = 100_000;

/**
 * The groups of pushes every element of an incomplete array was added in (see
 * `ArrayValue.segments`); undefined when some elements came from code the evaluator did not follow.
 */
export function pushedSegments(array: ArrayValue): readonly (readonly Value[])[] | undefined {
  return array.complete ? undefined : array.segments;
}

export function unknownFacts(origin: Span, shape?: readonly (number | undefined)[]): TensorFacts {
  return { range: UNBOUNDED, integer: false, origin, shape };
}

/** The distinct values of a list, sorted, when there are few. */
export function distinctValues(values: readonly number[]): number[] | undefined {
  const set = new Set<number>();
  for (const value of values) {
    set.add(value);
    if (set.size > MAX_DISTINCT) return undefined;
  }
  return [...set].sort((a, b) => a - b);
}

/** Facts of a tensor whose values are all known (kept exactly when few). */
export function fromValues(shape: readonly number[], values: readonly number[], origin: Span, extra: Partial<TensorFacts> = {}): TensorFacts {
  const distinct = distinctValues(values);
  // Values computed from other known values may be grouped by class too (ids made by tf.range and floorDiv).
  const order = extra.order ? undefined : classOrder({ shape, leaves: values }, origin);
  return {
    order,
    shape,
    range: values.length > 0 ? ofValues(values) : UNBOUNDED,
    integer: values.length > 0 && values.every(Number.isInteger),
    ...(distinct && values.length > 0 ? { distinct } : {}),
    ...(values.length <= MAX_KNOWN_VALUES ? { values } : {}),
    origin,
    ...extra,
  };
}

export function fromKnown(data: KnownData, origin: Span, extra: Partial<TensorFacts> = {}): TensorFacts {
  return fromValues(data.shape, data.values, origin, extra);
}

/** The exact data of facts whose shape and values are both known. */
export function knownData(facts: TensorFacts | undefined): KnownData | undefined {
  if (!facts?.values || !facts.shape || facts.shape.some((dim) => dim === undefined)) return undefined;
  return known(facts.shape as number[], facts.values);
}

export function fromRange(range: Interval, origin: Span, extra: Partial<TensorFacts> = {}): TensorFacts {
  return { range, integer: false, origin, ...extra };
}

export function numberValue(value: Value | undefined): number | undefined {
  if (value?.kind === 'primitive') {
    if (typeof value.value === 'number') return value.value;
    if (typeof value.value === 'boolean') return value.value ? 1 : 0;
  }
  if (value?.kind === 'tensor' && value.facts.values?.length === 1 && value.facts.shape?.length === 0) return value.facts.values[0];
  return undefined;
}

export function stringValue(value: Value | undefined): string | undefined {
  return value?.kind === 'primitive' && typeof value.value === 'string' ? value.value : undefined;
}

/** A list of known numbers (a shape, axes, begin indices); undefined when any is not known. */
export function numberList(value: Value | undefined): number[] | undefined {
  if (value?.kind !== 'array' || !value.complete) return undefined;
  const numbers = value.elements.map((element) => numberValue(element));
  return numbers.every((number): number is number => number !== undefined) ? numbers : undefined;
}

/** A shape argument: known sizes, undefined for sizes that are not; undefined when the rank is not known. */
export function shapeArgument(value: Value | undefined): (number | undefined)[] | undefined {
  if (value?.kind !== 'array' || !value.complete) return undefined;
  return value.elements.map((element) => {
    const size = numberValue(element);
    return size !== undefined && Number.isInteger(size) && size >= 0 ? size : undefined;
  });
}

export function isDType(name: string | undefined): name is DType {
  return name === 'float32' || name === 'int32' || name === 'bool' || name === 'complex64' || name === 'string';
}

/** The facts of an operand: a tensor's own, or those of a number used in its place. */
export function operandFacts(value: Value | undefined, span: Span | undefined, fallback: Span): TensorFacts | undefined {
  if (!value) return undefined;
  if (value.kind === 'tensor') return value.facts;
  const number = numberValue(value);
  if (number !== undefined) return { shape: [], range: point(number), integer: Number.isInteger(number), distinct: [number], values: [number], origin: value.span ?? span ?? fallback };
  return undefined;
}

/** Total number of elements when the whole shape is known. */
export function elementCount(shape: readonly (number | undefined)[] | undefined): number | undefined {
  if (!shape || shape.some((dim) => dim === undefined)) return undefined;
  return (shape as number[]).reduce((product, dim) => product * dim, 1);
}
