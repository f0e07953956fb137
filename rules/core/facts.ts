import type { Span } from './span';
import type { Value } from './values';

/**
 * What is known about the values of a tensor, computed once when the tensor is made and carried
 * with it: its shape, its type, the interval its values lie in, whether they are whole numbers, the
 * set of values when it is small, its exact values when the tensor is small and fully known, and
 * the order of its rows. Unknown stays unknown: an unbounded interval, no shape, no values, and
 * rules stay silent.
 */
/** The shape two operands broadcast to, or undefined when they do not. */
export function broadcastShape(a: readonly number[], b: readonly number[]): number[] | undefined {
  const rank = Math.max(a.length, b.length);
  const shape: number[] = [];
  for (let index = 0; index < rank; index++) {
    const x = a[a.length - rank + index] ?? 1;
    const y = b[b.length - rank + index] ?? 1;
    if (x !== y && x !== 1 && y !== 1) return undefined;
    shape.push(Math.max(x, y));
  }
  return shape;
}

export interface TensorFacts {
  /** Known sizes per dimension (undefined for a size that is not known); undefined when the rank is not known. */
  readonly shape?: readonly (number | undefined)[];
  readonly dtype?: DType;
  /** Every value lies in this interval (float32 arithmetic: a sigmoid can round to exactly 0 or 1). */
  readonly range: Interval;
  /** Every value is a whole number. */
  readonly integer: boolean;
  /** The distinct values, sorted, when there are few of them and they are all known. */
  readonly distinct?: readonly number[];
  /** The exact values in row-major order, when the tensor is small and every value is known. */
  readonly values?: readonly number[];
  /** For a random tensor: the spread of its distribution (a normal distribution has no bounds). */
  readonly stddev?: number;
  /** The order of the rows (the first dimension), when the code makes it evident. */
  readonly order?: RowOrder;
  /**
   * For a matrix (rank 2): per column, the value every row has in it when that is one known number,
   * undefined for a column that varies or is not known. Set when some column is constant, even when
   * the rest of the data is not known (rows pushed in a loop: `rows.push(1, x, x * x)`). The list may
   * stop before the last column when the matrix is joined from parts whose width is not known
   * (`tf.concat([tf.ones([n, 1]), x], 1)`).
   */
  readonly constantColumns?: readonly (number | undefined)[];
  /**
   * The code scales these values in one of the usual ways, although the values themselves are not
   * known: to [0, 1] (divided by 255), to [-1, 1] (divided by 127.5, minus 1), or to zero mean and unit
   * deviation. Rules take it as a sign of intent and stay silent about the scale.
   */
  readonly normalised?: Normalisation;
  /** Where the range was established (literal data, a factory's bounds, a scaling), for messages. */
  readonly origin: Span;
  /** How the tensor was made, in a few words, for messages ("pixels from tf.browser.fromPixels"). */
  readonly what?: string;
}

export type DType = 'float32' | 'int32' | 'bool' | 'complex64' | 'string';

/**
 * The rows are sorted by class (all samples of one class, then the next), or by a value, or were
 * shuffled. `span` shows where: the literal data or the loop that made it, or the shuffle.
 */
export interface RowOrder {
  readonly kind: 'byClass' | 'sorted' | 'shuffled';
  readonly span: Span;
}

export interface Normalisation {
  readonly kind: 'unit' | 'symmetric' | 'standardised';
  readonly span: Span;
}

/** A set of real numbers between two ends, each end included or not; ends may be infinite. */
export interface Interval {
  readonly lo: number;
  readonly hi: number;
  readonly loOpen: boolean;
  readonly hiOpen: boolean;
}

export const UNBOUNDED: Interval = { lo: -Infinity, hi: Infinity, loOpen: true, hiOpen: true };

export function closed(lo: number, hi: number): Interval {
  return { lo, hi, loOpen: false, hiOpen: false };
}

export function open(lo: number, hi: number): Interval {
  return { lo, hi, loOpen: true, hiOpen: true };
}

export function interval(lo: number, hi: number, loOpen: boolean, hiOpen: boolean): Interval {
  return { lo, hi, loOpen: loOpen || lo === -Infinity, hiOpen: hiOpen || hi === Infinity };
}

export function point(value: number): Interval {
  return closed(value, value);
}

export function isUnbounded(range: Interval): boolean {
  return range.lo === -Infinity && range.hi === Infinity;
}

/** Whether `x` is in the interval. */
export function includes(range: Interval, x: number): boolean {
  if (x < range.lo || x > range.hi) return false;
  if (x === range.lo && range.loOpen) return false;
  if (x === range.hi && range.hiOpen) return false;
  return true;
}

/**
 * Ends computed in double precision carry rounding error: `1e-9 - log(1 + 1e-9)` is 5e-19, but comes
 * out as -8e-17. An open end this close to 0, relative to the interval's size, is taken as 0.
 */
const ROUNDING = 1e-12;

/** Whether every value is above 0 (allowing for the rounding of the ends). */
export function strictlyPositive(range: Interval): boolean {
  if (range.lo > 0 || (range.lo === 0 && range.loOpen)) return true;
  return range.loOpen && range.lo > -ROUNDING * Math.max(1, Math.abs(range.hi));
}

/** Whether every value is away from 0, above or below (allowing for the rounding of the ends). */
export function awayFromZero(range: Interval): boolean {
  return strictlyPositive(range) || strictlyPositive({ lo: -range.hi, hi: -range.lo, loOpen: range.hiOpen, hiOpen: range.loOpen });
}

/** Whether every value of `inner` is in `outer`. */
export function within(inner: Interval, outer: Interval): boolean {
  const loOk = inner.lo > outer.lo || (inner.lo === outer.lo && (!outer.loOpen || inner.loOpen));
  const hiOk = inner.hi < outer.hi || (inner.hi === outer.hi && (!outer.hiOpen || inner.hiOpen));
  return loOk && hiOk;
}

/** Whether some value lies in both. */
export function overlaps(a: Interval, b: Interval): boolean {
  if (a.hi < b.lo || b.hi < a.lo) return false;
  if (a.hi === b.lo) return !a.hiOpen && !b.loOpen;
  if (b.hi === a.lo) return !b.hiOpen && !a.loOpen;
  return true;
}

/** The largest absolute value in the interval (Infinity when unbounded). */
export function magnitude(range: Interval): number {
  return Math.max(Math.abs(range.lo), Math.abs(range.hi));
}

/** The largest absolute value in the interval, when both its ends are finite. */
export function finiteMagnitude(range: Interval): number | undefined {
  return Number.isFinite(range.lo) && Number.isFinite(range.hi) ? magnitude(range) : undefined;
}

/** `[0, 255]`, `(0, 1)`, `[-1, ∞)`: for messages. */
export function formatInterval(range: Interval): string {
  const end = (x: number): string => (x === Infinity ? '∞' : x === -Infinity ? '-∞' : formatNumber(x));
  return `${range.loOpen ? '(' : '['}${end(range.lo)}, ${end(range.hi)}${range.hiOpen ? ')' : ']'}`;
}

export function formatNumber(x: number): string {
  if (Number.isInteger(x)) return String(x);
  const magnitudeOf = Math.abs(x);
  if (magnitudeOf !== 0 && (magnitudeOf < 1e-3 || magnitudeOf >= 1e6)) return x.toExponential(2).replace(/\.?0+e/, 'e');
  return String(Number(x.toPrecision(4)));
}

/** The facts of a tensor, or of a number used where a tensor is expected; undefined otherwise. */
export function factsOf(value: Value | undefined): TensorFacts | undefined {
  if (!value) return undefined;
  if (value.kind === 'tensor') return value.facts;
  return undefined;
}

/** The number of distinct values, when they are known: for labels, the classes that occur. */
export function classCount(facts: TensorFacts | undefined): number | undefined {
  return facts?.integer && facts.distinct ? facts.distinct.length : undefined;
}
