import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../engines";
import { queryRows } from "../rows";
import { assignments, cycles, people } from "../schema";
import { countProgress, progressRows } from "./progress";
import type { TeamCoverage, TeamMember, TeamOverview } from "../../shapes/team";

/** The manager's direct reports and, for the cycle collecting now, how many
 *  responses each has, as counted on `today`. Only people whose manager is
 *  `managerId` are read. The shape: server/shapes/team.ts. */
export async function getTeamOverview(
  db: Db,
  { managerId, today }: { managerId: string; today: string },
): Promise<TeamOverview> {
  const members = await queryRows<TeamMember>(
    db,
    // A recursive walk, kept as SQL. It goes through deactivated people (their
    // reports still sit below them until the org chart is updated) but counts
    // active ones only.
    sql`with recursive below(root, id, active) as (
          select r.id, c.id, c.active from people r join people c on c.manager_id = r.id
          where r.manager_id = ${managerId} and r.active
          union all
          select below.root, p.id, p.active from below join people p on p.manager_id = below.id
        )
        select r.id, r.name, r.title, r.department,
               (select count(*)::int from people d where d.manager_id = r.id and d.active) as "directReports",
               (select count(*)::int from below where below.root = r.id and below.active) as "organisationBelow"
        from people r
        where r.manager_id = ${managerId} and r.active
        order by r.name`,
  );

  const [cycle] = await db
    .select({ id: cycles.id, name: cycles.name, closesOn: cycles.closesOn, minGroupSize: cycles.minGroupSize })
    .from(cycles)
    .where(eq(cycles.status, "collecting"))
    .orderBy(desc(cycles.opensOn), desc(cycles.createdAt))
    .limit(1);
  let coverage: TeamCoverage | null = null;
  if (cycle) {
    const countedOn = (await countProgress(db, { today, cycleId: cycle.id })).get(cycle.id) ?? today;
    const doneBy = (relationship: "manager" | "self") =>
      sql<boolean>`coalesce(bool_or(${assignments.relationship} = ${relationship} and ${assignments.status} = 'submitted'), false)`;
    const [named, anonymous] = await Promise.all([
      db
        .select({ subjectId: assignments.subjectId, managerDone: doneBy("manager"), selfDone: doneBy("self") })
        .from(assignments)
        .innerJoin(people, eq(people.id, assignments.subjectId))
        .where(and(eq(assignments.cycleId, cycle.id), eq(people.managerId, managerId), eq(people.active, true)))
        .groupBy(assignments.subjectId),
      // Over the day's count (progressRows, a union of counts and requests): kept as SQL.
      queryRows<{ subjectId: string; submitted: number; requested: number }>(
        db,
        sql`select p.subject_id as "subjectId", sum(p.submitted)::int as submitted,
                   sum(p.pending + p.in_progress + p.submitted)::int as requested
            from ${progressRows()} p join people s on s.id = p.subject_id
            where p.cycle_id = ${cycle.id} and p.relationship in ('peer', 'direct_report') and s.manager_id = ${managerId} and s.active
            group by p.subject_id`,
      ),
    ]);
    const anonymousOf = new Map(anonymous.map((c) => [c.subjectId, c]));
    coverage = {
      cycleId: cycle.id,
      cycleName: cycle.name,
      closesOn: cycle.closesOn,
      minGroupSize: cycle.minGroupSize,
      countedOn,
      byMember: Object.fromEntries(
        named.map(({ subjectId, managerDone, selfDone }) => [
          subjectId,
          {
            anonymousSubmitted: anonymousOf.get(subjectId)?.submitted ?? 0,
            anonymousRequested: anonymousOf.get(subjectId)?.requested ?? 0,
            managerDone,
            selfDone,
          },
        ]),
      ),
    };
  }
  return { members, coverage };
}
