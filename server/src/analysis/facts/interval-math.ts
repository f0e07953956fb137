/**
 * Arithmetic on intervals of float32 values: the interval of `f(x)` for every `x` in an interval, as
 * tight as cheap reasoning allows and never too tight. Open ends stay open where the bound is not
 * reached; infinite ends are always open.
 */
import { UNBOUNDED, closed, includes, interval, type Interval } from '../../../../rules/core/facts';

export function add(a: Interval, b: Interval): Interval {
  return interval(a.lo + b.lo, a.hi + b.hi, a.loOpen || b.loOpen, a.hiOpen || b.hiOpen);
}

export function neg(a: Interval): Interval {
  return interval(-a.hi, -a.lo, a.hiOpen, a.loOpen);
}

export function sub(a: Interval, b: Interval): Interval {
  return add(a, neg(b));
}

/** A product of two ends, where 0 × ∞ is 0: the ends are limits, and a zero end makes the product 0 there. */
function times(x: number, y: number): number {
  return x === 0 || y === 0 ? 0 : x * y;
}

interface End {
  readonly value: number;
  readonly open: boolean;
}

function ends(a: Interval): [End, End] {
  return [
    { value: a.lo, open: a.loOpen },
    { value: a.hi, open: a.hiOpen },
  ];
}

export function mul(a: Interval, b: Interval): Interval {
  const products: End[] = [];
  for (const x of ends(a)) for (const y of ends(b)) products.push({ value: times(x.value, y.value), open: (x.open && x.value !== 0) || (y.open && y.value !== 0) || (x.open && y.open) });
  const lo = Math.min(...products.map((product) => product.value));
  const hi = Math.max(...products.map((product) => product.value));
  // An end is closed when some product reaching it uses only closed ends.
  const loOpen = products.filter((product) => product.value === lo).every((product) => product.open);
  const hiOpen = products.filter((product) => product.value === hi).every((product) => product.open);
  return interval(lo, hi, loOpen, hiOpen);
}

/** `1 / x`; unbounded when the interval holds 0 or has 0 as an end. */
export function reciprocal(a: Interval): Interval {
  if (includes(a, 0) || a.lo === 0 || a.hi === 0) {
    // (0, h] -> [1/h, ∞) and [l, 0) -> (-∞, 1/l]: one side is still known.
    if (a.lo === 0 && a.loOpen && a.hi > 0) return interval(1 / a.hi, Infinity, a.hiOpen, true);
    if (a.hi === 0 && a.hiOpen && a.lo < 0) return interval(-Infinity, 1 / a.lo, true, a.loOpen);
    return UNBOUNDED;
  }
  return interval(1 / a.hi, 1 / a.lo, a.hiOpen, a.loOpen);
}

export function div(a: Interval, b: Interval): Interval {
  return mul(a, reciprocal(b));
}

export function abs(a: Interval): Interval {
  if (a.lo >= 0) return a;
  if (a.hi <= 0) return neg(a);
  const top = Math.max(-a.lo, a.hi);
  const topOpen = -a.lo > a.hi ? a.loOpen : a.hi > -a.lo ? a.hiOpen : a.loOpen && a.hiOpen;
  return interval(0, top, false, topOpen);
}

export function square(a: Interval): Interval {
  const magnitude = abs(a);
  return interval(magnitude.lo * magnitude.lo, magnitude.hi * magnitude.hi, magnitude.loOpen, magnitude.hiOpen);
}

/** A function increasing over the whole real line, applied to both ends. */
export function increasing(a: Interval, f: (x: number) => number): Interval {
  return interval(f(a.lo), f(a.hi), a.loOpen, a.hiOpen);
}

/** `sqrt`: defined for x ≥ 0; the part below 0 gives NaN, which callers check separately. */
export function sqrt(a: Interval): Interval {
  const lo = Math.max(a.lo, 0);
  return interval(Math.sqrt(lo), Math.sqrt(a.hi), a.lo > 0 && a.loOpen, a.hiOpen);
}

/** `log`: defined for x > 0; 0 gives -∞, below 0 NaN. */
export function log(a: Interval): Interval {
  if (a.hi <= 0) return UNBOUNDED;
  const lo = a.lo > 0 ? Math.log(a.lo) : -Infinity;
  return interval(lo, Math.log(a.hi), a.lo > 0 ? a.loOpen : true, a.hiOpen);
}

/** `exp`: positive (values below about -88 round to 0 in float32, which callers that divide by it check). */
export function exp(a: Interval): Interval {
  return interval(Math.exp(a.lo), Math.exp(a.hi), a.lo === -Infinity ? true : a.loOpen, a.hiOpen);
}

/** `x ** p` for a known exponent. */
export function pow(a: Interval, p: number): Interval {
  if (p === 0) return closed(1, 1);
  if (p === 1) return a;
  if (p === 2) return square(a);
  if (p === 0.5) return sqrt(a);
  if (Number.isInteger(p) && p > 0) {
    // Odd powers keep the order; even ones fold negatives over.
    if (p % 2 === 1) return increasing(a, (x) => x ** p);
    const magnitude = abs(a);
    return interval(magnitude.lo ** p, magnitude.hi ** p, magnitude.loOpen, magnitude.hiOpen);
  }
  if (p > 0 && a.lo >= 0) return increasing(a, (x) => x ** p);
  return UNBOUNDED;
}

export function clip(a: Interval, lo: number, hi: number): Interval {
  if (lo > hi) return UNBOUNDED;
  const low = a.lo < lo ? { value: lo, open: false } : { value: Math.min(a.lo, hi), open: a.lo > hi ? false : a.loOpen };
  const high = a.hi > hi ? { value: hi, open: false } : { value: Math.max(a.hi, lo), open: a.hi < lo ? false : a.hiOpen };
  return interval(low.value, high.value, low.open, high.open);
}

export function minimum(a: Interval, b: Interval): Interval {
  const lo = a.lo < b.lo ? { value: a.lo, open: a.loOpen } : b.lo < a.lo ? { value: b.lo, open: b.loOpen } : { value: a.lo, open: a.loOpen && b.loOpen };
  const hi = a.hi < b.hi ? { value: a.hi, open: a.hiOpen } : b.hi < a.hi ? { value: b.hi, open: b.hiOpen } : { value: a.hi, open: a.hiOpen || b.hiOpen };
  return interval(lo.value, hi.value, lo.open, hi.open);
}

export function maximum(a: Interval, b: Interval): Interval {
  return neg(minimum(neg(a), neg(b)));
}

/** The smallest interval holding both. */
export function hull(a: Interval, b: Interval): Interval {
  const lo = a.lo < b.lo ? { value: a.lo, open: a.loOpen } : b.lo < a.lo ? { value: b.lo, open: b.loOpen } : { value: a.lo, open: a.loOpen && b.loOpen };
  const hi = a.hi > b.hi ? { value: a.hi, open: a.hiOpen } : b.hi > a.hi ? { value: b.hi, open: b.hiOpen } : { value: a.hi, open: a.hiOpen && b.hiOpen };
  return interval(lo.value, hi.value, lo.open, hi.open);
}

/** The interval of a sum of `count` values each in `a` (`count` unknown: unbounded unless `a` is {0}). */
export function sumOf(a: Interval, count: number | undefined): Interval {
  if (a.lo === 0 && a.hi === 0 && !a.loOpen && !a.hiOpen) return a;
  if (count === undefined) {
    // Any number of terms: the sign is kept, the size is not.
    if (a.lo >= 0) return interval(0, Infinity, false, true);
    if (a.hi <= 0) return interval(-Infinity, 0, true, false);
    return UNBOUNDED;
  }
  return interval(a.lo * count, a.hi * count, a.loOpen, a.hiOpen);
}

/** The smallest interval holding every number in a list (non-empty). */
export function ofValues(values: readonly number[]): Interval {
  let lo = Infinity;
  let hi = -Infinity;
  for (const value of values) {
    if (value < lo) lo = value;
    if (value > hi) hi = value;
  }
  // NaN compares false with everything: a list of only NaN leaves lo above hi.
  return lo > hi ? UNBOUNDED : closed(lo, hi);
}
