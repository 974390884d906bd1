import type { Quadrant } from "../../lib/vocabulary";
import type { FinderPerson, Medians, SliceDecision, SliceFilters } from "../shapes/finder";
/**
 * The quiet-influencer finder as plain functions: where each subject falls
 * against the organisation's medians, who makes the shortlist and in which
 * order, and which slices of the organisation may be shown at all.
 *
 * Competence is the shrunk composite of the five competencies from anonymous
 * raters; visibility is the shrunk visibility axis from the same raters. Both
 * come from published figures that already passed the anonymity rules.
 */

export const QUADRANT_NAMES: Record<Quadrant, string> = {
  quiet_influencer: "Quiet influencers",
  visible_leader: "Visible leaders",
  visible_not_leading: "Visible, not yet leading",
  developing: "Developing",
};

/** Where a person falls: the figures the finder's rules place and rank by (their meaning is in server/shapes/finder.ts). */
export type FinderPoint = Pick<FinderPerson, "id" | "competence" | "competenceLow" | "competenceHigh" | "visibility">;

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function mediansOf(points: readonly Pick<FinderPoint, "competence" | "visibility">[]): Medians | null {
  const competence = median(points.map((p) => p.competence));
  const visibility = median(points.map((p) => p.visibility));
  return competence === null || visibility === null ? null : { competence, visibility };
}

/** Published figures are floating-point sums whose last digits depend on the
 *  order rows were summed in; a difference this small is the same value.
 *  The finder's SQL places people with the same tolerance. */
export const SAME = 1e-9;

/** On either median line, within floating-point noise. */
export function onMedianLine(point: Pick<FinderPoint, "competence" | "visibility">, medians: Medians): boolean {
  return (
    Math.abs(point.competence - medians.competence) <= SAME || Math.abs(point.visibility - medians.visibility) <= SAME
  );
}

/** High means above the median; a point on a median line counts as low, so
 *  "quiet influencer" never includes someone merely average. */
export function quadrantOf(point: Pick<FinderPoint, "competence" | "visibility">, medians: Medians): Quadrant {
  const competent = point.competence > medians.competence + SAME;
  const visible = point.visibility > medians.visibility + SAME;
  if (competent) return visible ? "visible_leader" : "quiet_influencer";
  return visible ? "visible_not_leading" : "developing";
}

/** The lower end of what the evidence supports: thin evidence ranks low.
 *  Without a range the person ranks below everyone who has one. */
function rankingFloor(point: FinderPoint): number {
  return point.competenceLow ?? Number.NEGATIVE_INFINITY;
}

/**
 * The quiet influencers, strongest evidence first: ordered by the lower bound
 * of the competence interval, then by shrunk competence, then by id so that
 * the order is stable.
 */
export function rankShortlist<T extends FinderPoint>(points: readonly T[], medians: Medians): T[] {
  return points
    .filter((p) => quadrantOf(p, medians) === "quiet_influencer")
    .sort((a, b) => rankingFloor(b) - rankingFloor(a) || b.competence - a.competence || a.id.localeCompare(b.id));
}

// ---------------------------------------------------------------- the chart

/** Up to this many people the chart draws one mark each; beyond, a density grid. */
export const POINTS_LIMIT = 2000;

/** People per page of the finder's lists (the shortlist, everyone in a view). */
export const FINDER_PAGE_SIZE = 50;

/** Cells per axis of the density grid. */
export const DENSITY_BINS = 40;

/** The part of the 1–5 scale an axis shows: the data and the median with a
 *  little room, widened to half points so that the ticks fall on them. */
export function axisRange(min: number, max: number, median: number): [number, number] {
  const low = Math.max(1, Math.floor((Math.min(min, median) - 0.1) * 2) / 2);
  const high = Math.min(5, Math.ceil((Math.max(max, median) + 0.1) * 2) / 2);
  return [low, high];
}

// ---------------------------------------------------------------- slices

export const FILTER_KEYS = ["department", "level", "location"] as const satisfies readonly (keyof SliceFilters)[];

/** Every filter combination made of some of the given filters, the full one excluded. */
export function subFilters(filters: SliceFilters): SliceFilters[] {
  const present = FILTER_KEYS.filter((key) => filters[key] !== undefined);
  const result: SliceFilters[] = [];
  for (let mask = 0; mask < 1 << present.length; mask++) {
    if (mask === (1 << present.length) - 1) continue;
    const sub: SliceFilters = {};
    present.forEach((key, bit) => {
      if (mask & (1 << bit)) (sub as Record<string, unknown>)[key] = filters[key];
    });
    result.push(sub);
  }
  return result;
}

function describe(filters: SliceFilters): string {
  const parts: string[] = [];
  if (filters.department !== undefined) parts.push(filters.department);
  if (filters.level !== undefined) parts.push(`level ${filters.level}`);
  if (filters.location !== undefined) parts.push(filters.location);
  return parts.length === 0 ? "the whole organisation" : parts.join(", ");
}

/**
 * May this slice be shown? It must hold at least k people, and so must what
 * it leaves out of every broader view made of some of the same filters (the
 * remainder rule): a slice that differs from a broader one by 1 … k−1 people
 * would let two views be subtracted to single those people out.
 *
 * `countOf` gives the number of people in a view (subjects with a published
 * anonymous pool in the cycle).
 */
export function decideSlice(
  filters: SliceFilters,
  countOf: (filters: SliceFilters) => number,
  k: number,
): SliceDecision {
  const people = countOf(filters);
  if (people < k) {
    return {
      shown: false,
      people,
      reason: `${describe(filters)} has ${people === 0 ? "nobody" : `only ${people} ${people === 1 ? "person" : "people"}`} with published feedback; a view needs at least ${k} people.`,
    };
  }
  for (const broader of subFilters(filters)) {
    const rest = countOf(broader) - people;
    if (rest > 0 && rest < k) {
      return {
        shown: false,
        people,
        reason: `Hidden: it differs from ${describe(broader)} by only ${rest} ${rest === 1 ? "person" : "people"}, fewer than ${k}. Comparing the two views would single them out.`,
      };
    }
  }
  return { shown: true, people };
}
