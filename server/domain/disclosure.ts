/**
 * The disclosure rule for one subject in one cycle, as plain functions:
 * which anonymous responses count behind each published figure, and a check
 * that no combination of the figures can isolate fewer than k responses.
 *
 * Every anonymous figure — a competency, visibility or the composite, for
 * "others", peers or direct reports — is a sum (and symmetric statistics:
 * spread, distribution) over a set of responses. Treat the figures as one
 * linear system in the unknown per-response scores. Within one axis, two
 * responses that belong to exactly the same shown figures are weighted alike
 * by every figure, so no combination can tell them apart: what can be
 * learnt about any response is at most the total of its "cell" — the
 * responses with the same memberships on that axis. If every non-empty cell
 * holds at least k responses, nothing narrower than k responses can be
 * isolated (the attacker in the tests checks the converse by rank). The
 * composite touches every competency's cell at once, which is why it was
 * the way in: a rater who skipped one competency sat alone in a cell.
 *
 * How "not observed" fits: the composite counts only responses that
 * observed all five competencies, so every response behind it is weighted
 * alike. A response that skipped some competency still counts for the
 * competencies it observed — but only alongside at least k − 1 others like
 * it (in the same anonymous group, also outside the composite). Fewer such
 * partial responses are left out of that competency, rather than published
 * in a cell small enough to subtract.
 */

export type AnonymousKind = "peer" | "direct_report";
export type AnonymousGroup = "others" | AnonymousKind;

/** The composite's axis, beside competency and visibility ids. */
export const COMPOSITE_AXIS = "composite";

export interface AxesOfModel {
  /** Competency ids: the axes the composite averages. */
  competencies: readonly string[];
  /** The visibility axis, outside the composite. */
  visibility: string | null;
}

export interface ObservedResponse {
  id: string;
  kind: AnonymousKind;
  /** Axes (competency ids, the visibility id) of which it observed at least one statement. */
  observed: ReadonlySet<string>;
}

export interface FigureSet {
  group: AnonymousGroup;
  axis: string;
  /** The responses the figure is computed over; empty when it is hidden. */
  members: string[];
  shown: boolean;
  /** Responses that observed the axis at all: what a hidden figure says it had ("2 of 3 needed"). */
  observed: number;
}

export function assertGroupSize(k: number): void {
  if (!Number.isInteger(k) || k < 3) throw new RangeError(`k must be a whole number of at least 3, got ${k}`);
}

function observedAll(response: ObservedResponse, axes: AxesOfModel): boolean {
  return axes.competencies.every((c) => response.observed.has(c));
}

/** Who counts for each axis inside one unit (all anonymous raters, or one kind of them). */
function countWithinUnit(unit: readonly ObservedResponse[], axes: AxesOfModel, k: number): Map<string, string[]> {
  const complete = unit.filter((r) => observedAll(r, axes));
  const compositeShown = complete.length >= k;
  const counted = new Map<string, string[]>();
  counted.set(COMPOSITE_AXIS, compositeShown ? complete.map((r) => r.id) : []);
  for (const axis of axes.competencies) {
    const observing = unit.filter((r) => r.observed.has(axis));
    if (!compositeShown) {
      counted.set(axis, observing.length >= k ? observing.map((r) => r.id) : []);
      continue;
    }
    const partial = observing.filter((r) => !observedAll(r, axes));
    counted.set(
      axis,
      [...complete, ...(partial.length >= k ? partial : [])].map((r) => r.id),
    );
  }
  if (axes.visibility !== null) {
    const observing = unit.filter((r) => r.observed.has(axes.visibility!));
    counted.set(axes.visibility, observing.length >= k ? observing.map((r) => r.id) : []);
  }
  return counted;
}

/**
 * The figure sets of one subject under the rule. Peers and direct reports
 * are shown apart only when each kind has at least k responses behind the
 * composite; then each kind is a unit of its own and "others" is their
 * union. Otherwise all anonymous responses are one unit, and the kinds are
 * stored hidden with their counts.
 */
export function countedSets(responses: readonly ObservedResponse[], axes: AxesOfModel, k: number): FigureSet[] {
  assertGroupSize(k);
  const axisIds = [COMPOSITE_AXIS, ...axes.competencies, ...(axes.visibility === null ? [] : [axes.visibility])];
  const ofKind = (kind: AnonymousKind) => responses.filter((r) => r.kind === kind);
  const completeOfKind = (kind: AnonymousKind) => ofKind(kind).filter((r) => observedAll(r, axes)).length;
  const split = completeOfKind("peer") >= k && completeOfKind("direct_report") >= k;
  const observedCount = (pool: readonly ObservedResponse[], axis: string) =>
    pool.filter((r) => (axis === COMPOSITE_AXIS ? observedAll(r, axes) : r.observed.has(axis))).length;

  const units: Map<AnonymousGroup, Map<string, string[]>> = split
    ? new Map([
        ["peer", countWithinUnit(ofKind("peer"), axes, k)],
        ["direct_report", countWithinUnit(ofKind("direct_report"), axes, k)],
      ])
    : new Map([["others", countWithinUnit(responses, axes, k)]]);

  const figures: FigureSet[] = [];
  for (const axis of axisIds) {
    const others = [...units.values()].flatMap((unit) => unit.get(axis) ?? []);
    figures.push({
      group: "others",
      axis,
      members: others,
      shown: others.length > 0,
      observed: observedCount(responses, axis),
    });
    // Kinds are stored (shown or hidden) only where both answered this axis.
    const peers = observedCount(ofKind("peer"), axis);
    const reports = observedCount(ofKind("direct_report"), axis);
    if (peers === 0 || reports === 0) continue;
    for (const kind of ["peer", "direct_report"] as const) {
      const members = units.get(kind)?.get(axis) ?? [];
      figures.push({
        group: kind,
        axis,
        members,
        shown: members.length > 0,
        observed: kind === "peer" ? peers : reports,
      });
    }
  }
  return figures;
}

/** The rules a set of figures can break, named for the person who publishes — never with a figure. */
export const DISCLOSURE_RULES = {
  shown_below_k: "an anonymous figure would stand on fewer than k responses",
  isolatable_cell:
    "two anonymous figures about one person would differ by 1 … k−1 responses, so subtracting them would reveal a few raters' answers",
} as const;
export type DisclosureRule = keyof typeof DISCLOSURE_RULES;

/**
 * The cells of every axis under the shown figures: on a competency, the
 * figures of that competency and the composite; on visibility, its own.
 * Returns the rules broken (none: the figures may be published).
 */
export function disclosureBreaches(
  figures: readonly Pick<FigureSet, "group" | "axis" | "members" | "shown">[],
  axes: AxesOfModel,
  k: number,
): DisclosureRule[] {
  assertGroupSize(k);
  const shown = figures.filter((f) => f.shown);
  const broken = new Set<DisclosureRule>();
  if (shown.some((f) => f.members.length < k)) broken.add("shown_below_k");
  const blocks = [...axes.competencies, ...(axes.visibility === null ? [] : [axes.visibility])];
  for (const block of blocks) {
    const touching = shown.filter(
      (f) => f.axis === block || (f.axis === COMPOSITE_AXIS && axes.competencies.includes(block)),
    );
    const signatures = new Map<string, string[]>();
    touching.forEach((figure, index) => {
      for (const member of figure.members) signatures.set(member, [...(signatures.get(member) ?? []), String(index)]);
    });
    const cells = new Map<string, number>();
    for (const signature of signatures.values())
      cells.set(signature.join(","), (cells.get(signature.join(",")) ?? 0) + 1);
    if ([...cells.values()].some((size) => size < k)) broken.add("isolatable_cell");
  }
  return [...broken];
}

/**
 * Secondary suppression for a table of cells whose total is also shown
 * (departments beside the whole organisation). A cell of 1 … k−1 people is
 * hidden; and if the hidden cells together hold 1 … k−1 people, the total
 * minus the shown cells would give them away, so the smallest shown cells
 * are hidden too until the hidden ones hold at least k — the complement
 * rule statistical offices apply (τ-ARGUS, sdcTable) in its simplest,
 * one-dimensional form. Returns, per cell, whether it may be shown. The
 * total itself needs k people, which is the caller's to check.
 */
export function suppressWithComplements(people: readonly number[], k: number, primary?: readonly boolean[]): boolean[] {
  assertGroupSize(k);
  // Cells another rule already hid (e.g. a department whose remainder is small) count as hidden.
  const shown = people.map((n, i) => (n === 0 || n >= k) && (primary?.[i] ?? true));
  const hiddenTotal = () => people.reduce((sum, n, i) => sum + (shown[i] ? 0 : n), 0);
  // Smallest first: hiding them costs the least information.
  const candidates = people
    .map((n, i) => ({ n, i }))
    .filter(({ n }) => n > 0)
    .sort((a, b) => a.n - b.n || a.i - b.i);
  for (const { i } of candidates) {
    const hidden = hiddenTotal();
    if (hidden === 0 || hidden >= k) break;
    if (shown[i]) shown[i] = false;
  }
  return shown;
}

/**
 * A table of counts by department (response rates, requests) with the
 * departments of fewer than k people pooled into one row, together with as
 * many of the smallest others as it takes for the pool to hold k — the
 * cells suppressWithComplements hides — so that no row, and no row
 * subtracted from the total, speaks of fewer than k people. The pool comes
 * last. When every department is small the pool is the whole table, which
 * says no more than its total.
 */
export function poolSmallDepartments<T extends { department: string; participants: number }>(
  rows: readonly T[],
  k: number,
): T[] {
  const alone = suppressWithComplements(
    rows.map((r) => r.participants),
    k,
  );
  const shown = rows.filter((_, i) => alone[i]);
  const pooled = rows.filter((_, i) => !alone[i]);
  // One small department alone is the whole table: its row is its total.
  if (pooled.length <= 1) return [...shown, ...pooled];
  return [...shown, { ...sumOfCounts(pooled), department: `${pooled.length} smaller departments together` }];
}

/** The rows added up: every count summed, the rest taken from the first. */
function sumOfCounts<T extends object>(rows: readonly T[]): T {
  const total = { ...rows[0]! } as Record<string, unknown>;
  for (const row of rows.slice(1)) {
    for (const [key, value] of Object.entries(row))
      if (typeof value === "number") total[key] = (total[key] as number) + value;
  }
  return total as T;
}
