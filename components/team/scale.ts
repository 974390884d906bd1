import { managerOthersGap } from "@/server/domain/scoring";
import type { Agreement } from "@/lib/vocabulary";

/**
 * The heatmap's colour scale and the profile's plain-language flags: pure
 * functions, so the page and its tests agree on where each band starts.
 */

/** Lower edges of the colour bands on the 1–5 scale. Shrunk means cluster
 *  between 3 and 4.5, so the bands are half a point wide there. */
export const BAND_EDGES = [1, 2.5, 3, 3.5, 4, 4.5] as const;

/** The band (0 = lowest) a mean falls in. */
export function bandOf(mean: number): number {
  let band = 0;
  for (let i = 0; i < BAND_EDGES.length; i++) if (mean >= BAND_EDGES[i]!) band = i;
  return band;
}

/** Legend labels, lowest first: "below 2.5", "2.5 to 3.0", …, "4.5 and above". */
export function bandLabels(): string[] {
  return BAND_EDGES.map((edge, i) => {
    const next = BAND_EDGES[i + 1];
    if (i === 0) return `below ${next!.toFixed(1)}`;
    if (next === undefined) return `${edge.toFixed(1)} and above`;
    return `${edge.toFixed(1)} to ${next.toFixed(1)}`;
  });
}

/** One decimal, the way every figure on these pages is printed. */
export function formatMean(mean: number): string {
  return mean.toFixed(1);
}

/** Where on a 1–5 track a value sits, in percent of the track's width. */
export function positionOnScale(value: number): number {
  return Math.min(100, Math.max(0, ((value - 1) / 4) * 100));
}

export interface ProfileAxisFigures {
  others: { suppressed: boolean; ciLow: number | null; ciHigh: number | null };
  self: { mean: number; agreement: Agreement | null } | null;
  manager: { mean: number } | null;
}

/** Sentences about one axis a manager can read without a chart. Nothing is
 *  said against a hidden group: there is no interval to compare with. */
export function profileFlags(axis: ProfileAxisFigures): string[] {
  const { others, self, manager } = axis;
  if (others.suppressed || others.ciLow === null || others.ciHigh === null) return [];
  const flags: string[] = [];
  const gap = manager ? managerOthersGap(manager.mean, others) : null;
  if (gap === "manager_lower") flags.push("Rated lower by their manager than by peers");
  if (gap === "manager_higher") flags.push("Rated higher by their manager than by peers");
  if (self?.agreement === "blind_spot") flags.push("Rates themselves higher than others do");
  if (self?.agreement === "hidden_strength") flags.push("Rates themselves lower than others do");
  return flags;
}
