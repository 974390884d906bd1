/**
 * Seeded, deterministic randomness for the simulator.
 *
 * Math.random cannot be seeded, and the simulated organisations feed tests,
 * demo data and benchmarks that must come out identical on every machine, so
 * everything random in the simulator goes through this module.
 *
 * sfc32 is small, fast and passes PractRand; cyrb128 spreads a string of any
 * length over its 128 bits of state. Neither is cryptographic, and nothing here
 * may be used for secrets (ids, tokens, the shuffle that protects anonymity).
 */

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both ends included. */
  int(min: number, max: number): number;
  /** Normal deviate (Box–Muller). */
  normal(mean?: number, sd?: number): number;
  /** A uniformly chosen element; throws on an empty array. */
  pick<T>(items: readonly T[]): T;
  /** A shuffled copy (Fisher–Yates); the input is left alone. */
  shuffle<T>(items: readonly T[]): T[];
  /** True with probability p. */
  chance(p: number): boolean;
}

/** cyrb128: four 32-bit hashes of a string, good enough to seed sfc32. */
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

function sfc32(a: number, b: number, c: number, d: number): () => number {
  return () => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

/**
 * Folds labelled parts into one seed, so that each stream of randomness (for
 * example the answers of rater R about subject S in cycle C) depends only on
 * its own coordinates and not on how many numbers other streams drew first.
 * The type tag keeps `deriveSeed(1)` and `deriveSeed("1")` apart.
 */
export function deriveSeed(...parts: (string | number)[]): number {
  const text = parts
    .map((part) => `${typeof part === "number" ? "n" : "s"}${part.toString().length}:${part}`)
    .join("|");
  const [h1, h2] = cyrb128(text);
  // 53 bits: as much as a double holds exactly, so seeds survive JSON.
  return h1 * 2 ** 21 + (h2 >>> 11);
}

export function createRng(seed: number | string): Rng {
  const [a, b, c, d] = cyrb128(`${typeof seed}:${seed}`);
  const next = sfc32(a, b, c, d);
  // sfc32's first outputs still echo the seed; a short warm-up washes that out.
  for (let i = 0; i < 12; i++) next();

  let spareNormal: number | null = null;

  const rng: Rng = {
    next,
    int(min, max) {
      if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
        throw new RangeError(`int(${min}, ${max}): need integers with min <= max`);
      }
      return min + Math.floor(next() * (max - min + 1));
    },
    normal(mean = 0, sd = 1) {
      if (spareNormal !== null) {
        const z = spareNormal;
        spareNormal = null;
        return mean + sd * z;
      }
      // 1 - next() lies in (0, 1], so the logarithm is finite.
      const radius = Math.sqrt(-2 * Math.log(1 - next()));
      const angle = 2 * Math.PI * next();
      spareNormal = radius * Math.sin(angle);
      return mean + sd * radius * Math.cos(angle);
    },
    pick(items) {
      if (items.length === 0) throw new RangeError("pick() from an empty array");
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
    shuffle(items) {
      const copy = items.slice();
      for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const held = copy[i] as (typeof copy)[number];
        copy[i] = copy[j] as (typeof copy)[number];
        copy[j] = held;
      }
      return copy;
    },
    chance(p) {
      return next() < p;
    },
  };
  return rng;
}
