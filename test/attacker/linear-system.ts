/**
 * The attacker HR would be with a spreadsheet: every published figure is a
 * linear equation in unknown per-response scores (a mean times its n is a
 * sum). Can some combination of the equations pin down anything that
 * involves only 1 … k−1 responses?
 *
 * A combination whose unknowns all belong to a set T of responses exists
 * exactly when removing T's unknowns lowers the rank: rank(M) > rank(M
 * without T's columns). Trying every T of k−1 responses covers every smaller
 * T too. Ranks are computed modulo a prime for speed, and every conclusion
 * that could differ from the rank over the rationals is settled exactly
 * with BigInt fraction-free elimination, so the answer is exact.
 */

/** One published figure: integer weights on unknowns named `${response}|${axis}`. */
export type LinearFigure = ReadonlyMap<string, number>;

const PRIME = 2_147_483_629n;
const P = Number(PRIME);

function mulMod(a: number, b: number): number {
  return Number((BigInt(a) * BigInt(b)) % PRIME);
}
function inverseMod(a: number): number {
  // Fermat: a^(p−2) mod p.
  let result = 1n;
  let base = BigInt(a) % PRIME;
  let exponent = PRIME - 2n;
  while (exponent > 0n) {
    if (exponent & 1n) result = (result * base) % PRIME;
    base = (base * base) % PRIME;
    exponent >>= 1n;
  }
  return Number(result);
}

function rankModPrime(rows: number[][]): number {
  const m = rows.map((r) => r.map((x) => ((x % P) + P) % P));
  let rank = 0;
  const columns = m[0]?.length ?? 0;
  for (let col = 0; col < columns && rank < m.length; col++) {
    const pivot = m.findIndex((row, i) => i >= rank && row[col] !== 0);
    if (pivot < 0) continue;
    [m[rank], m[pivot]] = [m[pivot]!, m[rank]!];
    const inv = inverseMod(m[rank]![col]!);
    for (let i = rank + 1; i < m.length; i++) {
      const factor = mulMod(m[i]![col]!, inv);
      if (factor === 0) continue;
      for (let j = col; j < columns; j++) m[i]![j] = (m[i]![j]! - mulMod(factor, m[rank]![j]!) + P) % P;
    }
    rank++;
  }
  return rank;
}

/** Rank over the rationals of an integer matrix (Bareiss fraction-free elimination). */
export function rankExact(rows: readonly (readonly number[])[]): number {
  const m = rows.map((r) => r.map((x) => BigInt(x)));
  const columns = m[0]?.length ?? 0;
  let rank = 0;
  let previous = 1n;
  for (let col = 0; col < columns && rank < m.length; col++) {
    const pivot = m.findIndex((row, i) => i >= rank && row[col] !== 0n);
    if (pivot < 0) continue;
    [m[rank], m[pivot]] = [m[pivot]!, m[rank]!];
    for (let i = rank + 1; i < m.length; i++) {
      for (let j = col + 1; j < columns; j++) {
        m[i]![j] = (m[i]![j]! * m[rank]![col]! - m[i]![col]! * m[rank]![j]!) / previous;
      }
      m[i]![col] = 0n;
    }
    previous = m[rank]![col]!;
    rank++;
  }
  return rank;
}

function* subsetsOfSize<T>(items: readonly T[], size: number, start = 0, chosen: T[] = []): Generator<T[]> {
  if (chosen.length === size) {
    yield [...chosen];
    return;
  }
  for (let i = start; i <= items.length - (size - chosen.length); i++) {
    chosen.push(items[i]!);
    yield* subsetsOfSize(items, size, i + 1, chosen);
    chosen.pop();
  }
}

/**
 * The first set of 1 … k−1 responses that some combination of the figures
 * isolates, or null when there is none. `responses` are the anonymous
 * responses the figures may involve.
 */
export function isolatableResponses(
  figures: readonly LinearFigure[],
  responses: readonly string[],
  k: number,
): string[] | null {
  if (figures.length === 0 || responses.length === 0) return null;
  const unknowns = [...new Set(figures.flatMap((f) => [...f.keys()]))];
  const owner = unknowns.map((u) => u.slice(0, u.indexOf("|")));
  const matrix = figures.map((f) => unknowns.map((u) => f.get(u) ?? 0));
  const fullRank = rankExact(matrix);
  const without = (excluded: ReadonlySet<string>) => {
    const keep = owner.map((o, i) => (excluded.has(o) ? -1 : i)).filter((i) => i >= 0);
    return matrix.map((row) => keep.map((i) => row[i]!));
  };
  const size = Math.min(k - 1, responses.length);
  for (const subset of subsetsOfSize(responses, size)) {
    const rest = without(new Set(subset));
    // rank mod p never exceeds the rational rank: reaching the full rank settles it.
    if (rest[0]?.length && rankModPrime(rest) === fullRank) continue;
    if ((rest[0]?.length ? rankExact(rest) : 0) < fullRank) return subset;
  }
  return null;
}
