/**
 * Who is asked to rate whom in a cycle, and whether each subject's anonymous
 * raters can ever reach the cycle's minimum group size k. Pure: the database
 * code reads the org chart and the approved nominations, and this decides.
 */

export type PlannedRelationship = "self" | "manager" | "direct_report" | "peer";

export interface PlanPerson {
  id: string;
  managerId: string | null;
}

export interface PlanNomination {
  subjectId: string;
  nomineeId: string;
}

export interface AssignmentPlanInput {
  /** The people who take part in the cycle: each is a subject. */
  participants: PlanPerson[];
  /** Everyone active in the organisation, participants included: managers,
   *  direct reports and nominees must be among them to be asked. */
  activePeople: PlanPerson[];
  /** Approved nominations, in the order they were approved (or created). */
  approvedNominations: PlanNomination[];
  /** The most peers one subject is rated by. */
  maxPeers: number;
}

export interface PlannedAssignment {
  subjectId: string;
  raterId: string;
  relationship: PlannedRelationship;
}

/** How many anonymous raters stand behind a subject's report, by group. */
export interface AnonymousGroups {
  subjectId: string;
  peers: number;
  directReports: number;
}

export interface AssignmentPlan {
  assignments: PlannedAssignment[];
  /** One entry per participant, in the order of `participants`. */
  groups: AnonymousGroups[];
}

/**
 * Each participant is rated by themselves; by their manager when that manager
 * is active (even if the manager's department is outside the cycle); by every
 * active direct report; and by the peers their manager approved, up to
 * `maxPeers`, in approval order. Nobody rates a subject twice: someone who is
 * both a direct report and a nominee rates as a direct report, a nominated
 * manager as the manager, so a nomination never moves an attributed rater
 * into an anonymous group (or the other way round). Nominations of people
 * who have left, or of the subject themselves, are ignored.
 */
export function planAssignments(input: AssignmentPlanInput): AssignmentPlan {
  const active = new Map(input.activePeople.map((person) => [person.id, person]));
  const reportsOf = new Map<string, string[]>();
  for (const person of input.activePeople) {
    if (person.managerId !== null) push(reportsOf, person.managerId, person.id);
  }
  const nomineesOf = new Map<string, string[]>();
  for (const nomination of input.approvedNominations) push(nomineesOf, nomination.subjectId, nomination.nomineeId);

  const assignments: PlannedAssignment[] = [];
  const groups: AnonymousGroups[] = [];
  const seenSubjects = new Set<string>();
  for (const subject of input.participants) {
    if (seenSubjects.has(subject.id)) continue;
    seenSubjects.add(subject.id);
    const raters = new Set<string>([subject.id]);
    assignments.push({ subjectId: subject.id, raterId: subject.id, relationship: "self" });

    if (subject.managerId !== null && subject.managerId !== subject.id && active.has(subject.managerId)) {
      raters.add(subject.managerId);
      assignments.push({ subjectId: subject.id, raterId: subject.managerId, relationship: "manager" });
    }

    let directReports = 0;
    for (const reportId of reportsOf.get(subject.id) ?? []) {
      if (raters.has(reportId)) continue;
      raters.add(reportId);
      directReports++;
      assignments.push({ subjectId: subject.id, raterId: reportId, relationship: "direct_report" });
    }

    let peers = 0;
    for (const nomineeId of nomineesOf.get(subject.id) ?? []) {
      if (peers >= input.maxPeers) break;
      if (raters.has(nomineeId) || !active.has(nomineeId)) continue;
      raters.add(nomineeId);
      peers++;
      assignments.push({ subjectId: subject.id, raterId: nomineeId, relationship: "peer" });
    }
    groups.push({ subjectId: subject.id, peers, directReports });
  }
  return { assignments, groups };
}

/**
 * What a subject's report can show of their anonymous raters, under the
 * publish rules: an anonymous figure needs at least k raters behind it, and
 * two nested groups (peers inside "others") may only both be shown when the
 * difference between them is empty or at least k.
 *
 * - "separate": peers and direct reports can each be shown (or only one kind
 *   exists and it reaches k).
 * - "combined_only": together they reach k, but one kind falls short, so the
 *   report can only show them pooled as one group.
 * - "none": fewer than k anonymous raters in all; the report shows only the
 *   attributed answers (self and manager).
 */
export type AnonymousOutcome = "separate" | "combined_only" | "none";

export function anonymousOutcome(
  groups: Pick<AnonymousGroups, "peers" | "directReports">,
  k: number,
): AnonymousOutcome {
  const { peers, directReports } = groups;
  if (peers + directReports < k) return "none";
  if (peers > 0 && directReports > 0 && (peers < k || directReports < k)) return "combined_only";
  return "separate";
}

export const anonymousOutcomeConsequence: Record<Exclude<AnonymousOutcome, "separate">, string> = {
  combined_only:
    "Their report will show anonymous feedback only as one combined group: peers and direct reports cannot be shown apart.",
  none: "No anonymous feedback will be shown; only self and manager answers.",
};

export interface GroupSizeWarning extends AnonymousGroups {
  outcome: Exclude<AnonymousOutcome, "separate">;
  consequence: string;
}

/** Every subject whose anonymous raters cannot reach k, with what that means
 *  for their report; subjects whose groups are fine are left out. */
export function groupSizeWarnings(groups: AnonymousGroups[], k: number): GroupSizeWarning[] {
  const warnings: GroupSizeWarning[] = [];
  for (const group of groups) {
    const outcome = anonymousOutcome(group, k);
    if (outcome === "separate") continue;
    warnings.push({ ...group, outcome, consequence: anonymousOutcomeConsequence[outcome] });
  }
  return warnings;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
