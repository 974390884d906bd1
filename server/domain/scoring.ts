import type { Agreement, ManagerGap } from "../../lib/vocabulary";
/**
 * Honest numbers from small samples: the reference definitions of every
 * published figure. Publishing computes them in SQL, in the database; these
 * plain functions say what the SQL must produce and are what its results are
 * tested against.
 */

/** A response's score on one competency: the mean of the statements it
 *  observed, reverse-scored ones flipped (6 − x). Null when it observed none,
 *  so that the response does not count for that competency. */
export function responseCompetencyScore(
  answers: readonly { value: number | null; reverseScored: boolean }[],
): number | null {
  const observed = answers.filter((a) => a.value !== null).map((a) => (a.reverseScored ? 6 - a.value! : a.value!));
  return observed.length ? observed.reduce((sum, x) => sum + x, 0) / observed.length : null;
}

/** Two-sided 90 % Student-t quantiles (t₀.₉₅) for 1–30 degrees of freedom. */
const T95 = [
  6.314, 2.92, 2.353, 2.132, 2.015, 1.943, 1.895, 1.86, 1.833, 1.812, 1.796, 1.782, 1.771, 1.761, 1.753, 1.746, 1.74,
  1.734, 1.729, 1.725, 1.721, 1.717, 1.714, 1.711, 1.708, 1.706, 1.703, 1.701, 1.699, 1.697,
];

/** z₀.₉₅: the half-width multiplier of a 90 % normal interval. */
export const Z_90 = 1.6448536269514722;

/** t₀.₉₅ for `df` degrees of freedom; beyond the table, a Cornish–Fisher
 *  expansion around the normal quantile (error < 0.001 for df > 30). */
export function tQuantile95(df: number): number {
  if (!Number.isInteger(df) || df < 1) throw new RangeError(`degrees of freedom must be a whole number ≥ 1, got ${df}`);
  if (df <= T95.length) return T95[df - 1]!;
  const z = Z_90;
  return z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df ** 2);
}

export interface SampleSummary {
  n: number;
  mean: number | null;
  /** Sample standard deviation (n − 1); null below two values. */
  sd: number | null;
  /** 90 % confidence interval of the mean (Student t), cut to the 1–5 scale
   *  an average cannot leave; null below two values. */
  ciLow: number | null;
  ciHigh: number | null;
}

export function summariseSample(values: readonly number[]): SampleSummary {
  const n = values.length;
  if (n === 0) return { n, mean: null, sd: null, ciLow: null, ciHigh: null };
  const mean = values.reduce((s, x) => s + x, 0) / n;
  if (n === 1) return { n, mean, sd: null, ciLow: null, ciHigh: null };
  const sd = Math.sqrt(values.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
  const half = tQuantile95(n - 1) * (sd / Math.sqrt(n));
  return { n, mean, sd, ciLow: onScale(mean - half), ciHigh: onScale(mean + half) };
}

/** An average of 1–5 answers lies on the scale; so does any range for it. */
export function onScale(value: number): number {
  return Math.min(5, Math.max(1, value));
}

export interface VarianceComponents {
  /** Variance of single ratings around their subject's mean (rater disagreement and noise). */
  within: number;
  /** Variance of subjects' true means around the organisation's mean. */
  between: number;
  grandMean: number;
}

/**
 * One-way random-effects estimates (method of moments, unbalanced groups):
 * within = pooled variance inside subjects; between = (MS_between − within) / n₀,
 * with n₀ = (N − Σnᵢ²/N) / (g − 1), floored at 0.
 */
export function estimateVarianceComponents(
  groups: readonly { values: readonly number[] }[],
): VarianceComponents | null {
  const used = groups.filter((g) => g.values.length > 0);
  const N = used.reduce((s, g) => s + g.values.length, 0);
  const g = used.length;
  if (g < 2 || N - g < 1) return null;
  const grandMean = used.reduce((s, grp) => s + grp.values.reduce((a, x) => a + x, 0), 0) / N;
  let ssWithin = 0;
  let ssBetween = 0;
  for (const grp of used) {
    const m = grp.values.reduce((a, x) => a + x, 0) / grp.values.length;
    ssWithin += grp.values.reduce((a, x) => a + (x - m) ** 2, 0);
    ssBetween += grp.values.length * (m - grandMean) ** 2;
  }
  const within = ssWithin / (N - g);
  const msBetween = ssBetween / (g - 1);
  const n0 = (N - used.reduce((s, grp) => s + grp.values.length ** 2, 0) / N) / (g - 1);
  return { within, between: Math.max(0, (msBetween - within) / n0), grandMean };
}

/**
 * Empirical-Bayes shrinkage: the subject's mean pulled toward the
 * organisation's mean by B = (σ²_w / n) / (σ²_w / n + σ²_b) — far when few
 * raters or little real difference between people, hardly at all when many
 * raters agree. With no between-subject variance everyone is the org mean.
 */
export function shrinkTowardOrgMean(mean: number, n: number, components: VarianceComponents): number {
  if (n <= 0) return components.grandMean;
  const noise = components.within / n;
  const denominator = noise + components.between;
  const pull = denominator === 0 ? 0 : noise / denominator;
  return components.grandMean + (1 - pull) * (mean - components.grandMean);
}

/**
 * The 90 % range of the shrunk estimate: shrunk ± z·√V with the posterior
 * variance V = (σ²_w/n · σ²_b) / (σ²_w/n + σ²_b) = (1 − B)·σ²_w/n. It uses
 * the organisation's pooled spread, not the subject's own, so it narrows with
 * more raters but does not reward raters who happen to agree; thin evidence
 * gives a wide range whose lower end sits low.
 */
export function shrunkInterval(mean: number, n: number, components: VarianceComponents): { low: number; high: number } {
  const centre = shrinkTowardOrgMean(mean, n, components);
  if (n <= 0) return { low: centre, high: centre };
  const noise = components.within / n;
  const denominator = noise + components.between;
  const variance = denominator === 0 ? 0 : (noise * components.between) / denominator;
  const half = Z_90 * Math.sqrt(variance);
  return { low: onScale(centre - half), high: onScale(centre + half) };
}

/** Self against others: a blind spot when the self score lies above the
 *  others' interval, a hidden strength when below it; no fixed cut-off. */
export function selfOtherAgreement(
  self: number | null,
  others: Pick<SampleSummary, "ciLow" | "ciHigh">,
): Agreement | null {
  if (self === null || others.ciLow === null || others.ciHigh === null) return null;
  if (self > others.ciHigh) return "blind_spot";
  if (self < others.ciLow) return "hidden_strength";
  return "in_line";
}

/** The manager against peers and direct reports, by the same rule: the
 *  manager's score outside the others' interval is a gap worth a sentence. A
 *  manager lower than the people who work beside someone is the pattern that
 *  keeps quiet contributors from being seen. */
export function managerOthersGap(
  manager: number | null,
  others: Pick<SampleSummary, "ciLow" | "ciHigh">,
): ManagerGap | null {
  const side = selfOtherAgreement(manager, others);
  if (side === null) return null;
  return side === "blind_spot" ? "manager_higher" : side === "hidden_strength" ? "manager_lower" : "in_line";
}
