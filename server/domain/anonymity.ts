/**
 * Which anonymous groups may be published for one subject and one measure
 * (a competency or the visibility axis), given how many raters of each
 * anonymous kind counted for it. DESIGN.md: a group is shown only with at
 * least k raters; two published groups that nest ("others" ⊃ "peers") must
 * differ by none or by at least k raters, or subtracting one from the other
 * reveals the few in between. Attributed answers (self, manager) are never
 * part of these groups.
 */
export type AnonymousGroup = "others" | "peer" | "direct_report";

export interface GroupDecision {
  group: AnonymousGroup;
  n: number;
  /** Published with figures, or stored as hidden with its count only. */
  published: boolean;
}

export function decideAnonymousGroups(counts: { peers: number; directReports: number }, k: number): GroupDecision[] {
  if (!Number.isInteger(k) || k < 3) throw new RangeError(`k must be a whole number of at least 3, got ${k}`);
  const { peers, directReports } = counts;
  const others = peers + directReports;
  const decisions: GroupDecision[] = [{ group: "others", n: others, published: others >= k }];
  // With only one kind present, its group is "others" itself: nothing to split.
  if (peers > 0 && directReports > 0) {
    // Split only when both halves stand on their own: then others − peers =
    // direct reports ≥ k and others − direct reports = peers ≥ k.
    const split = peers >= k && directReports >= k;
    decisions.push({ group: "peer", n: peers, published: split });
    decisions.push({ group: "direct_report", n: directReports, published: split });
  }
  return decisions;
}
