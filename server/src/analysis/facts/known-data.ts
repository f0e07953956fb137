/**
 * Small tensors whose every value is known (literal data, `tf.range(0, 10)`, the column maxima of a
 * literal matrix), computed exactly: broadcasting arithmetic, reductions along an axis, and the shape
 * operations. Knowing the values makes facts certain ("this column's range is 0"), not just possible.
 */

import { broadcastShape } from '../../../../rules/core/facts';

/** Larger tensors keep intervals only. */
export const MAX_KNOWN_VALUES = 4096;

export interface KnownData {
  readonly shape: readonly number[];
  /** Row-major. */
  readonly values: readonly number[];
}

export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((product, dim) => product * dim, 1);
}

export function known(shape: readonly number[], values: readonly number[]): KnownData | undefined {
  return values.length === sizeOf(shape) && values.length <= MAX_KNOWN_VALUES ? { shape, values } : undefined;
}

function strides(shape: readonly number[]): number[] {
  const result = new Array<number>(shape.length).fill(1);
  for (let axis = shape.length - 2; axis >= 0; axis--) result[axis] = result[axis + 1]! * shape[axis + 1]!;
  return result;
}

export function elementwise(a: KnownData, b: KnownData, f: (x: number, y: number) => number): KnownData | undefined {
  const shape = broadcastShape(a.shape, b.shape);
  if (!shape || sizeOf(shape) > MAX_KNOWN_VALUES) return undefined;
  const outStrides = strides(shape);
  const strideIn = (operand: KnownData): number[] => {
    const own = strides(operand.shape);
    const offset = shape.length - operand.shape.length;
    return shape.map((_, axis) => (axis < offset || operand.shape[axis - offset] === 1 ? 0 : own[axis - offset]!));
  };
  const aStrides = strideIn(a);
  const bStrides = strideIn(b);
  const values = new Array<number>(sizeOf(shape));
  for (let flat = 0; flat < values.length; flat++) {
    let rest = flat;
    let ai = 0;
    let bi = 0;
    for (let axis = 0; axis < shape.length; axis++) {
      const coordinate = Math.floor(rest / outStrides[axis]!);
      rest -= coordinate * outStrides[axis]!;
      ai += coordinate * aStrides[axis]!;
      bi += coordinate * bStrides[axis]!;
    }
    values[flat] = f(a.values[ai]!, b.values[bi]!);
  }
  return { shape, values };
}

export function map(a: KnownData, f: (x: number) => number): KnownData {
  return { shape: a.shape, values: a.values.map(f) };
}

/** Normalises an axis argument (negative counts from the end); undefined when out of range. */
export function normaliseAxis(axis: number, rank: number): number | undefined {
  const normalised = axis < 0 ? axis + rank : axis;
  return Number.isInteger(normalised) && normalised >= 0 && normalised < Math.max(rank, 1) ? normalised : undefined;
}

export type Reducer = 'sum' | 'mean' | 'max' | 'min' | 'prod';

/** Reduces along the given axes (all of them when none are given). */
export function reduce(a: KnownData, reducer: Reducer, axes: readonly number[] | undefined, keepDims: boolean): KnownData | undefined {
  const rank = a.shape.length;
  const along = new Set(axes === undefined ? a.shape.map((_, axis) => axis) : axes.map((axis) => normaliseAxis(axis, rank)));
  if (along.has(undefined)) return undefined;
  const outShape = a.shape.flatMap((dim, axis) => (along.has(axis) ? (keepDims ? [1] : []) : [dim]));
  const keptShape = a.shape.map((dim, axis) => (along.has(axis) ? 1 : dim));
  const keptStrides = strides(keptShape);
  const inStrides = strides(a.shape);
  const buckets: number[][] = Array.from({ length: sizeOf(keptShape) }, () => []);
  for (let flat = 0; flat < a.values.length; flat++) {
    let rest = flat;
    let target = 0;
    for (let axis = 0; axis < rank; axis++) {
      const coordinate = Math.floor(rest / inStrides[axis]!);
      rest -= coordinate * inStrides[axis]!;
      if (!along.has(axis)) target += coordinate * keptStrides[axis]!;
    }
    buckets[target]!.push(a.values[flat]!);
  }
  const combine = (bucket: number[]): number => {
    switch (reducer) {
      case 'sum':
        return bucket.reduce((total, x) => total + x, 0);
      case 'mean':
        return bucket.reduce((total, x) => total + x, 0) / bucket.length;
      case 'max':
        return bucket.reduce((best, x) => Math.max(best, x), -Infinity);
      case 'min':
        return bucket.reduce((best, x) => Math.min(best, x), Infinity);
      case 'prod':
        return bucket.reduce((total, x) => total * x, 1);
    }
  };
  return { shape: outShape, values: buckets.map(combine) };
}

export function reshape(a: KnownData, shape: readonly number[]): KnownData | undefined {
  const inferred = shape.filter((dim) => dim === -1).length;
  if (inferred > 1) return undefined;
  const knownPart = shape.filter((dim) => dim !== -1).reduce((product, dim) => product * dim, 1);
  const resolved = inferred === 1 && knownPart > 0 ? shape.map((dim) => (dim === -1 ? a.values.length / knownPart : dim)) : [...shape];
  if (resolved.some((dim) => !Number.isInteger(dim) || dim < 0) || sizeOf(resolved) !== a.values.length) return undefined;
  return { shape: resolved, values: a.values };
}

export function transpose(a: KnownData, perm?: readonly number[]): KnownData | undefined {
  const rank = a.shape.length;
  const order = perm ?? a.shape.map((_, axis) => rank - 1 - axis);
  if (order.length !== rank) return undefined;
  const shape = order.map((axis) => a.shape[axis]!);
  const inStrides = strides(a.shape);
  const outStrides = strides(shape);
  const values = new Array<number>(a.values.length);
  for (let flat = 0; flat < values.length; flat++) {
    let rest = flat;
    let source = 0;
    for (let axis = 0; axis < rank; axis++) {
      const coordinate = Math.floor(rest / outStrides[axis]!);
      rest -= coordinate * outStrides[axis]!;
      source += coordinate * inStrides[order[axis]!]!;
    }
    values[flat] = a.values[source]!;
  }
  return { shape, values };
}

/** `slice(begin, size)`; a size of -1 takes the rest of the dimension. */
export function slice(a: KnownData, begin: readonly number[], size: readonly number[] | undefined): KnownData | undefined {
  const rank = a.shape.length;
  const start = a.shape.map((_, axis) => begin[axis] ?? 0);
  const extent = a.shape.map((dim, axis) => {
    const wanted = size?.[axis] ?? -1;
    return wanted === -1 ? dim - start[axis]! : wanted;
  });
  if (start.some((value, axis) => value < 0 || value + extent[axis]! > a.shape[axis]!) || extent.some((value) => value < 0)) return undefined;
  const inStrides = strides(a.shape);
  const outStrides = strides(extent);
  const values = new Array<number>(sizeOf(extent));
  for (let flat = 0; flat < values.length; flat++) {
    let rest = flat;
    let source = 0;
    for (let axis = 0; axis < rank; axis++) {
      const coordinate = Math.floor(rest / outStrides[axis]!);
      rest -= coordinate * outStrides[axis]!;
      source += (coordinate + start[axis]!) * inStrides[axis]!;
    }
    values[flat] = a.values[source]!;
  }
  return { shape: extent, values };
}

/** Joins along an existing axis. */
export function concat(parts: readonly KnownData[], axis: number): KnownData | undefined {
  const first = parts[0];
  if (!first) return undefined;
  const rank = first.shape.length;
  const along = normaliseAxis(axis, rank);
  if (along === undefined || parts.some((part) => part.shape.length !== rank || part.shape.some((dim, index) => index !== along && dim !== first.shape[index]))) return undefined;
  const outer = sizeOf(first.shape.slice(0, along));
  const values: number[] = [];
  for (let block = 0; block < outer; block++) {
    for (const part of parts) {
      const inner = sizeOf(part.shape.slice(along));
      values.push(...part.values.slice(block * inner, (block + 1) * inner));
    }
  }
  const shape = first.shape.map((dim, index) => (index === along ? parts.reduce((total, part) => total + part.shape[along]!, 0) : dim));
  return known(shape, values);
}

/** Joins along a new axis. */
export function stack(parts: readonly KnownData[], axis: number): KnownData | undefined {
  const first = parts[0];
  if (!first) return undefined;
  const along = normaliseAxis(axis, first.shape.length + 1);
  if (along === undefined) return undefined;
  const expanded = parts.map((part) => ({ shape: [...part.shape.slice(0, along), 1, ...part.shape.slice(along)], values: part.values }));
  return concat(expanded, along);
}

/** Rows (or slices along `axis`) picked by index. */
export function gather(a: KnownData, indices: readonly number[], axis: number): KnownData | undefined {
  const along = normaliseAxis(axis, a.shape.length);
  if (along === undefined || indices.some((index) => !Number.isInteger(index) || index < 0 || index >= a.shape[along]!)) return undefined;
  const pieces = indices.map((index) => {
    const begin = a.shape.map((_, dim) => (dim === along ? index : 0));
    const size = a.shape.map((dim, which) => (which === along ? 1 : dim));
    return slice(a, begin, size);
  });
  if (pieces.some((piece) => !piece)) return undefined;
  return concat(pieces as KnownData[], along);
}
