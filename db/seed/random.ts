/**
 * The seeders' randomness: a seeded PRNG that gives the same numbers on every
 * machine, and the picks, weights and splits the generator draws with. The
 * order of the calls is the data: reordering two draws changes every row after.
 */
/** mulberry32: tiny, fast, good enough for test data, and the same on every machine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rng {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  /** Picks by weight from [value, weight] pairs. */
  weighted<T>(pairs: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of pairs) total += w;
    let x = this.next() * total;
    for (const [v, w] of pairs) {
      x -= w;
      if (x < 0) return v;
    }
    return pairs[pairs.length - 1]![0];
  }
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }
  gaussian(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }
}

/** Cumulative weights for fast repeated weighted picks (binary search). */
export class WeightedIndex {
  private readonly cumulative: Float64Array;
  constructor(weights: ArrayLike<number>) {
    this.cumulative = new Float64Array(weights.length);
    let sum = 0;
    for (let i = 0; i < weights.length; i++) this.cumulative[i] = sum += weights[i]!;
  }
  pick(rng: Rng): number {
    const c = this.cumulative;
    const x = rng.next() * c[c.length - 1]!;
    let lo = 0;
    let hi = c.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (c[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/** Splits `total` into parts proportional to `weights`, each within [min, max], summing exactly to `total`. */
export function splitTotal(total: number, weights: number[], min: number, max: number): number[] {
  if (weights.length * min > total || weights.length * max < total)
    throw new Error(`Cannot split ${total} into ${weights.length} parts of ${min}..${max}`);
  const sizes = new Array<number>(weights.length).fill(0);
  const fixed = new Set<number>();
  // Clamp and rescale until every part is within bounds.
  for (let round = 0; round < 50; round++) {
    const free = weights.map((_, i) => i).filter((i) => !fixed.has(i));
    const left = total - [...fixed].reduce((s, i) => s + sizes[i]!, 0);
    const wsum = free.reduce((s, i) => s + weights[i]!, 0);
    let clamped = false;
    for (const i of free) {
      const v = Math.round((weights[i]! / wsum) * left);
      if (v > max || v < min) {
        sizes[i] = v > max ? max : min;
        fixed.add(i);
        clamped = true;
      } else sizes[i] = v;
    }
    if (!clamped) break;
  }
  // Rounding remainder onto the parts that still have room.
  let diff = total - sizes.reduce((s, v) => s + v, 0);
  for (let i = 0; diff !== 0; i = (i + 1) % sizes.length) {
    const step = diff > 0 ? 1 : -1;
    if (sizes[i]! + step <= max && sizes[i]! + step >= min) {
      sizes[i] = sizes[i]! + step;
      diff -= step;
    }
  }
  return sizes;
}
