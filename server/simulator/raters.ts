/**
 * Who is asked to rate whom in a simulated cycle: self, manager, direct
 * reports and peers.
 */
import { createRng, deriveSeed } from "../domain/random";
import { type SimOrganisation } from "./organisation";
import type { Relationship } from "../../lib/vocabulary";

// ---------------------------------------------------------------------------
// Who rates whom
// ---------------------------------------------------------------------------

export interface RaterAssignment {
  subjectIndex: number;
  raterIndex: number;
  relationship: Relationship;
}

export interface PlanRatersOptions {
  /** Peers per subject, both ends included. Default [3, 6]. */
  peersPerSubject?: [number, number];
}

/**
 * Everyone is rated by themselves, their manager, all their direct reports
 * and a few peers: first colleagues who share their manager, then others in
 * their department, nearest in level first. Nobody in the subject's line of
 * management (up or down) counts as a peer: the relationship decides whether
 * an answer is anonymous, and a skip-level report is not a peer. The CEO has
 * no peers, and a department head in a three-department organisation only two.
 */
export function planRaters(org: SimOrganisation, options: PlanRatersOptions = {}): RaterAssignment[] {
  const [minPeers, maxPeers] = options.peersPerSubject ?? [3, 6];
  if (!Number.isInteger(minPeers) || !Number.isInteger(maxPeers) || minPeers < 0 || maxPeers < minPeers) {
    throw new RangeError("peersPerSubject must be integers [min, max] with 0 <= min <= max");
  }
  const reportsOf = new Map<number, number[]>();
  const membersOf = new Map<string, number[]>();
  for (const person of org.people) {
    if (person.managerIndex !== null) pushTo(reportsOf, person.managerIndex, person.index);
    pushTo(membersOf, person.department, person.index);
  }

  const assignments: RaterAssignment[] = [];
  for (const subject of org.people) {
    const rng = createRng(deriveSeed(org.settings.seed, "peers", subject.index));
    const reports = reportsOf.get(subject.index) ?? [];
    assignments.push({ subjectIndex: subject.index, raterIndex: subject.index, relationship: "self" });
    if (subject.managerIndex !== null) {
      assignments.push({ subjectIndex: subject.index, raterIndex: subject.managerIndex, relationship: "manager" });
    }
    for (const report of reports) {
      assignments.push({ subjectIndex: subject.index, raterIndex: report, relationship: "direct_report" });
    }
    const wanted = rng.int(minPeers, maxPeers);
    const excluded = new Set<number>([subject.index, ...reports]);
    if (subject.managerIndex !== null) excluded.add(subject.managerIndex);
    const teammates = subject.managerIndex === null ? [] : (reportsOf.get(subject.managerIndex) ?? []);
    const peers = rng.shuffle(teammates.filter((index) => !excluded.has(index)));
    if (peers.length < wanted) {
      // Someone above or below the subject in the same line is their boss or their boss's report, not a peer;
      // among the rest, people at the subject's own level are the likeliest colleagues.
      const chosen = new Set(peers);
      const others = (membersOf.get(subject.department) ?? []).filter(
        (index) => !excluded.has(index) && !chosen.has(index) && !inSameLine(org, index, subject.index),
      );
      const levelGap = (index: number) => Math.abs((org.people[index]?.level ?? 0) - subject.level);
      peers.push(...rng.shuffle(others).sort((a, b) => levelGap(a) - levelGap(b)));
    }
    for (const peer of peers.slice(0, wanted)) {
      assignments.push({ subjectIndex: subject.index, raterIndex: peer, relationship: "peer" });
    }
  }
  return assignments;
}

/** Whether one of the two manages the other, directly or through others. */
function inSameLine(org: SimOrganisation, a: number, b: number): boolean {
  const isAbove = (upper: number, lower: number) => {
    for (
      let current = org.people[lower]?.managerIndex ?? null;
      current !== null;
      current = org.people[current]?.managerIndex ?? null
    ) {
      if (current === upper) return true;
    }
    return false;
  };
  return isAbove(a, b) || isAbove(b, a);
}

function pushTo<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
