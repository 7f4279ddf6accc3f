/**
 * A small seeded PRNG (mulberry32) with the helpers the fuzzers and the convergence test need.
 * Same seed, same sequence: a failing case can be replayed by its seed and case number.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max] (both included). */
  int(min: number, max: number): number;
  /** Unsigned 32-bit integer. */
  uint32(): number;
  bool(probability?: number): boolean;
  pick<T>(items: readonly T[]): T;
  bytes(length: number): Uint8Array;
  /** A new generator derived from this one (so sub-streams do not shift each other). */
  fork(): Rng;
}

export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    uint32: () => Math.floor(next() * 4294967296) >>> 0,
    bool: (p = 0.5) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)],
    bytes: (length) => {
      const out = new Uint8Array(length);
      for (let i = 0; i < length; i++) out[i] = Math.floor(next() * 256);
      return out;
    },
    fork: () => mulberry32(Math.floor(next() * 4294967296)),
  };
  return rng;
}
