/** A small seeded generator, so synthetic batches repeat from run to run. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1) (mulberry32). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Standard normal (Box-Muller). */
  normal(): number {
    const u = Math.max(this.next(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }
}

/**
 * Makes `Math.random` the seeded generator, which is where tfjs draws its initial weights, dropout
 * masks and unseeded random tensors from (and the script, in execute mode, its shuffles): the same
 * seed then gives the same run. Returns what puts the original back.
 */
export function seedMathRandom(seed: number): () => void {
  const original = Math.random;
  const random = new Random(seed);
  Math.random = () => random.next();
  return () => {
    Math.random = original;
  };
}
