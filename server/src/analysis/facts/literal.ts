/** Facts of literal data: nested arrays of numbers, as `tf.tensor(...)` and its kin receive them. */
import type { DType, RowOrder, TensorFacts } from '../../../../rules/core/facts';
import type { Span } from '../../../../rules/core/span';
import type { Value } from '../../../../rules/core/values';
import { MAX_SCANNED_LEAVES, distinctValues, fromValues, pushedSegments, numberValue } from './build';
import { ofValues } from './interval-math';

export interface Literal {
  readonly shape: readonly number[];
  readonly leaves: readonly number[];
}

/**
 * The shape and values of rectangular nested arrays of known numbers (booleans count as 0 and 1);
 * undefined when any element is not known, the nesting is ragged, or there are too many values.
 */
export function scanLiteral(value: Value | undefined): Literal | undefined {
  if (!value) return undefined;
  const leaves: number[] = [];
  let shape: number[] | undefined;
  // An explicit stack: deeply nested data must not exhaust the call stack.
  const pending: { value: Value; depth: number }[] = [{ value, depth: 0 }];
  const sizes = new Map<number, number>();
  while (pending.length > 0) {
    const { value: current, depth } = pending.pop()!;
    if (current.kind === 'array') {
      if (!current.complete) return undefined;
      const size = sizes.get(depth);
      if (size === undefined) sizes.set(depth, current.elements.length);
      else if (size !== current.elements.length) return undefined;
      for (let index = current.elements.length - 1; index >= 0; index--) pending.push({ value: current.elements[index]!, depth: depth + 1 });
      continue;
    }
    const number = numberValue(current);
    if (number === undefined || current.kind !== 'primitive') return undefined;
    if (shape === undefined) shape = [...sizes.keys()].sort((a, b) => a - b).map((depthOf) => sizes.get(depthOf)!);
    if (shape.length !== depth) return undefined;
    leaves.push(number);
    if (leaves.length > MAX_SCANNED_LEAVES) return undefined;
  }
  if (shape === undefined) shape = [...sizes.keys()].sort((a, b) => a - b).map((depthOf) => sizes.get(depthOf)!);
  return { shape, leaves };
}

/**
 * Whether the rows are in order: the value of each row (of 1-D whole-number data, or the hot index of
 * one-hot rows) never goes down and takes at least two values over at least four rows. Grouped by
 * class when values repeat, sorted otherwise.
 */
export function classOrder(literal: Literal, span: Span): RowOrder | undefined {
  const classes = rowClasses(literal);
  if (!classes || classes.length < 4) return undefined;
  const distinct = new Set(classes).size;
  if (distinct < 2 || !classes.every((value, index) => index === 0 || value >= classes[index - 1]!)) return undefined;
  return { kind: distinct < classes.length ? 'byClass' : 'sorted', span };
}

function rowClasses(literal: Literal): readonly number[] | undefined {
  const { shape, leaves } = literal;
  if (shape.length === 1) return leaves.every(Number.isInteger) ? leaves : undefined;
  if (shape.length !== 2) return undefined;
  const width = shape[1]!;
  if (width === 1) return leaves.every(Number.isInteger) ? leaves : undefined;
  const classes: number[] = [];
  for (let row = 0; row < shape[0]!; row++) {
    const cells = leaves.slice(row * width, (row + 1) * width);
    // One-hot rows only: exactly one 1 and the rest 0.
    if (cells.filter((cell) => cell === 1).length !== 1 || cells.some((cell) => cell !== 0 && cell !== 1)) return undefined;
    classes.push(cells.indexOf(1));
  }
  return classes;
}

/** Facts of literal data given to a tensor factory, reshaped to `shape` when one is given. */
export function literalFacts(literal: Literal, origin: Span, shape: readonly number[] | undefined, extra: Partial<TensorFacts> = {}): TensorFacts {
  // The order is read in the literal's own nesting (a vector of ids, or one-hot rows).
  const order = classOrder(literal, origin);
  return fromValues(shape ?? literal.shape, literal.leaves, origin, { order, ...extra });
}

/**
 * Facts of data that loops pushed into an array (see `pushedSegments`), when every pass pushed known
 * numbers: the values each loop pushed bound the whole array, whose length is not known. Rows pushed
 * loop by loop, each loop one class (`for (c ...) for (i ...) ys.push(c)`), are grouped by class.
 */
export function loopBuiltFacts(value: Value | undefined, origin: Span, dtype: DType | undefined): TensorFacts | undefined {
  const segments = value?.kind === 'array' ? pushedSegments(value) : undefined;
  if (!segments) return undefined;
  const literals: Literal[] = [];
  for (const segment of segments) {
    const literal = scanLiteral({ kind: 'array', elements: [...segment], complete: true });
    if (!literal || literal.leaves.length === 0) return undefined;
    if (literals.length > 0 && literals[0]!.shape.slice(1).join() !== literal.shape.slice(1).join()) return undefined;
    literals.push(literal);
  }
  const typed = literals.map((literal) => ({ shape: literal.shape, leaves: castLeaves(literal.leaves, dtype) }));
  const leaves = typed.flatMap((literal) => literal.leaves);
  const order = segmentOrder(typed, origin);
  return {
    shape: [undefined, ...literals[0]!.shape.slice(1)],
    range: ofValues(leaves),
    integer: leaves.every(Number.isInteger),
    distinct: distinctValues(leaves),
    origin,
    ...(dtype ? { dtype } : {}),
    ...(order ? { order } : {}),
  };
}

/** Grouped by class when each loop pushed one class, at least two classes, each in one stretch. */
function segmentOrder(segments: readonly Literal[], span: Span): RowOrder | undefined {
  const classes: number[] = [];
  for (const segment of segments) {
    const ofSegment = rowClasses(segment);
    if (!ofSegment || new Set(ofSegment).size !== 1) return undefined;
    classes.push(ofSegment[0]!);
  }
  const stretches = classes.filter((value, index) => index === 0 || value !== classes[index - 1]);
  if (stretches.length < 2 || new Set(stretches).size !== stretches.length) return undefined;
  return { kind: 'byClass', span };
}

/** The values as a tensor of `dtype` holds them: int32 data is truncated toward zero, bool data is 0 or 1. */
export function castLeaves(leaves: readonly number[], dtype: DType | undefined): readonly number[] {
  if (dtype === 'int32') return leaves.map(Math.trunc);
  if (dtype === 'bool') return leaves.map((leaf) => (leaf !== 0 ? 1 : 0));
  return leaves;
}
