/** HR's page of one cycle: settings, counts by department and the groups that cannot reach k (its shape: server/shapes/cycles.ts). */
import "server-only";
import { and, eq, sql } from "drizzle-orm";
import {
  groupSizeWarnings,
  planAssignments,
  type AnonymousGroups,
  type GroupSizeWarning,
} from "../../../domain/assignment-plan";
import { poolSmallDepartments } from "../../../domain/disclosure";
import type { Db } from "../../engines";
import { queryRows } from "../../rows";
import { nominations } from "../../schema";
import { countsOf } from "../cycles";
import type { CycleDetail, DepartmentRequests, GroupSizeWarningRow, RequestCounts } from "../../../shapes/cycles";
import { countProgress, progressCountColumns, progressRows } from "../progress";
import { loadPlanInput } from "./plan";
import { findCycle, settingsOf } from "./settings";

const noRequests: RequestCounts = { total: 0, submitted: 0, inProgress: 0, notStarted: 0, declined: 0 };

function byName<T extends { department: string; name?: string }>(a: T, b: T): number {
  // "No department" sorts last.
  if ((a.department === "") !== (b.department === "")) return a.department === "" ? 1 : -1;
  return a.department.localeCompare(b.department) || (a.name ?? "").localeCompare(b.name ?? "");
}

/** Requests of a cycle by the department of the person they are about:
 *  people reviewed and requests by state. Counts only, never who; while the
 *  cycle collects, as counted that day (call `countProgress` first). */
export async function requestCountsByDepartment(db: Db, cycleId: string): Promise<DepartmentRequests[]> {
  // Over the day's count (progressRows, a union of counts and requests): kept as SQL.
  const rows = await queryRows<DepartmentRequests>(
    db,
    sql`select s.department, count(distinct p.subject_id)::int as participants, ${progressCountColumns}
        from ${progressRows()} p join people s on s.id = p.subject_id
        where p.cycle_id = ${cycleId}
        group by s.department`,
  );
  return rows.sort(byName);
}

/** Everything HR needs to run one cycle: settings, where it stands, counts
 *  only (never who answered), and whose anonymous groups fall short of k.
 *  While it collects, counts and warnings are as counted on `today`. */
export async function getCycleDetail(
  db: Db,
  { cycleId, today }: { cycleId: string; today: string },
): Promise<CycleDetail> {
  const cycle = await findCycle(db, { cycleId });
  const base = {
    id: cycle.id,
    status: cycle.status,
    modelName: cycle.modelName,
    closedAt: cycle.closedAt,
    ...settingsOf(cycle),
    countedOn: null,
  };

  if (cycle.status === "draft" || cycle.status === "nominating") {
    const { participants, input } = await loadPlanInput(db, cycle);
    const plan = planAssignments(input);
    const awaiting = await db.$count(
      nominations,
      and(eq(nominations.cycleId, cycleId), eq(nominations.status, "proposed")),
    );
    const departments = new Map<string, number>();
    for (const p of participants) departments.set(p.department, (departments.get(p.department) ?? 0) + 1);
    const who = new Map(participants.map((p) => [p.id, p]));
    return {
      ...base,
      participants: participants.length,
      requests: noRequests,
      byDepartment: [...departments]
        .map(([department, count]) => ({ department, participants: count, ...noRequests }))
        .sort(byName),
      nominations: {
        approved: input.approvedNominations.length,
        awaitingApproval: awaiting,
        subjectsWithEnoughPeers: plan.groups.filter((g) => g.peers >= cycle.minPeers).length,
      },
      plan: { requests: plan.assignments.length, raters: new Set(plan.assignments.map((a) => a.raterId)).size },
      warningsBasis: "plan",
      warnings: withPeople(groupSizeWarnings(plan.groups, cycle.minGroupSize), who),
    };
  }

  // A decline is an anonymous rater's act too: the warnings below count from the day's count as well.
  const countedOn = (await countProgress(db, { today, cycleId })).get(cycleId) ?? null;
  // The counts below are over the day's count too, and stay SQL.
  const [overall] = await queryRows<RequestCounts & { participants: number }>(
    db,
    sql`select count(distinct p.subject_id)::int as participants, ${progressCountColumns}
        from ${progressRows()} p where p.cycle_id = ${cycleId}`,
  );
  const departments = await requestCountsByDepartment(db, cycleId);
  // Requests still standing: a declined request will never become an answer.
  const groups = await queryRows<{
    subjectId: string;
    name: string;
    department: string;
    peers: number;
    directReports: number;
  }>(
    db,
    sql`select p.subject_id as "subjectId", s.name, s.department,
               coalesce(sum(p.pending + p.in_progress + p.submitted) filter (where p.relationship = 'peer'), 0)::int as peers,
               coalesce(sum(p.pending + p.in_progress + p.submitted) filter (where p.relationship = 'direct_report'), 0)::int as "directReports"
        from ${progressRows()} p join people s on s.id = p.subject_id
        where p.cycle_id = ${cycleId}
        group by p.subject_id, s.name, s.department`,
  );
  const who = new Map(groups.map((g) => [g.subjectId, { name: g.name, department: g.department }]));
  const anonymousGroups: AnonymousGroups[] = groups.map(({ subjectId, peers, directReports }) => ({
    subjectId,
    peers,
    directReports,
  }));
  return {
    ...base,
    countedOn,
    participants: overall?.participants ?? 0,
    requests: overall ? countsOf(overall) : noRequests,
    // Requests are the raters' acts: small departments are pooled, as in the organisation view.
    byDepartment: poolSmallDepartments(departments, cycle.minGroupSize),
    nominations: null,
    plan: null,
    warningsBasis: "requests",
    warnings: withPeople(groupSizeWarnings(anonymousGroups, cycle.minGroupSize), who),
  };
}

function withPeople(
  warnings: GroupSizeWarning[],
  who: Map<string, { name: string; department: string }>,
): GroupSizeWarningRow[] {
  return warnings
    .map((w) => ({ ...w, name: who.get(w.subjectId)?.name ?? "", department: who.get(w.subjectId)?.department ?? "" }))
    .sort(byName);
}
