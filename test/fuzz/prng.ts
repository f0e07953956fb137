import { Random as Mulberry32 } from '../../overfit/src/random';

/**
 * The fuzzer's only source of randomness: mulberry32, a 32-bit generator small enough to read and
 * the same on every machine, so a seed names a run and a seed with an input index names an input.
 */
export class Random extends Mulberry32 {
  /** An integer in [0, max). */
  int(max: number): number {
    return Math.floor(this.next() * max);
  }

  /** An integer in [min, max], both included. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  /** An integer in [min, max] whose logarithm is uniform: small values are as likely as large ones. */
  logBetween(min: number, max: number): number {
    const low = Math.log(Math.max(1, min));
    return Math.min(max, Math.max(min, Math.round(Math.exp(low + this.next() * (Math.log(max) - low)))));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(items.length)]!;
  }

  /** An item chosen with probability proportional to its weight. */
  weighted<T>(items: readonly { readonly weight: number; readonly value: T }[]): T {
    const total = items.reduce((sum, item) => sum + item.weight, 0);
    let point = this.next() * total;
    for (const item of items) {
      point -= item.weight;
      if (point < 0) return item.value;
    }
    return items[items.length - 1]!.value;
  }

  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy;
  }

  /** An independent generator whose stream depends on this one's next value. */
  fork(): Random {
    return new Random(Math.floor(this.next() * 4294967296));
  }
}

/**
 * The seed of one input of a run: a hash of the run's seed and the input's index (splitmix32's
 * finaliser), so input 1234 can be made again without making inputs 0 to 1233.
 */
export function inputSeed(seed: number, index: number, stream = 0): number {
  let z = (seed >>> 0) ^ Math.imul(index + 1, 0x9e3779b9) ^ Math.imul(stream + 1, 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  return (z ^ (z >>> 15)) >>> 0;
}
