import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "../engines";
import { queryRows } from "../rows";
import { countProgress, progressRows } from "./progress";
import type { TeamCoverage, TeamOverview } from "../../shapes/team";

/** The manager's direct reports and, for the cycle collecting now, how many
 *  responses each has, as counted on `today`. Only people whose manager is
 *  `managerId` are read. The shape: server/shapes/team.ts. */
export async function getTeamOverview(
  db: Db,
  { managerId, today }: { managerId: string; today: string },
): Promise<TeamOverview> {
  const members = await queryRows<{
    id: string;
    name: string;
    title: string;
    department: string;
    direct_reports: number;
    organisation_below: number;
  }>(
    db,
    // The walk goes through deactivated people (their reports still sit
    // below them until the org chart is updated) but counts active ones only.
    sql`with recursive below(root, id, active) as (
          select r.id, c.id, c.active from people r join people c on c.manager_id = r.id
          where r.manager_id = ${managerId} and r.active
          union all
          select below.root, p.id, p.active from below join people p on p.manager_id = below.id
        )
        select r.id, r.name, r.title, r.department,
               (select count(*)::int from people d where d.manager_id = r.id and d.active) as direct_reports,
               (select count(*)::int from below where below.root = r.id and below.active) as organisation_below
        from people r
        where r.manager_id = ${managerId} and r.active
        order by r.name`,
  );

  const [cycle] = await queryRows<{ id: string; name: string; closes_on: string; min_group_size: number }>(
    db,
    sql`select id, name, closes_on::text as closes_on, min_group_size from cycles
        where status = 'collecting' order by opens_on desc, created_at desc limit 1`,
  );
  let coverage: TeamCoverage | null = null;
  if (cycle) {
    const countedOn = (await countProgress(db, { today, cycleId: cycle.id })).get(cycle.id) ?? today;
    const [named, anonymous] = await Promise.all([
      queryRows<{ subject_id: string; manager_done: boolean; self_done: boolean }>(
        db,
        sql`select a.subject_id,
                   coalesce(bool_or(a.relationship = 'manager' and a.status = 'submitted'), false) as manager_done,
                   coalesce(bool_or(a.relationship = 'self' and a.status = 'submitted'), false) as self_done
            from assignments a join people s on s.id = a.subject_id
            where a.cycle_id = ${cycle.id} and s.manager_id = ${managerId} and s.active
            group by a.subject_id`,
      ),
      queryRows<{ subject_id: string; submitted: number; requested: number }>(
        db,
        sql`select p.subject_id, sum(p.submitted)::int as submitted, sum(p.pending + p.in_progress + p.submitted)::int as requested
            from ${progressRows()} p join people s on s.id = p.subject_id
            where p.cycle_id = ${cycle.id} and p.relationship in ('peer', 'direct_report') and s.manager_id = ${managerId} and s.active
            group by p.subject_id`,
      ),
    ]);
    const anonymousOf = new Map(anonymous.map((c) => [c.subject_id, c]));
    coverage = {
      cycleId: cycle.id,
      cycleName: cycle.name,
      closesOn: cycle.closes_on,
      minGroupSize: Number(cycle.min_group_size),
      countedOn,
      byMember: Object.fromEntries(
        named.map((c) => [
          c.subject_id,
          {
            anonymousSubmitted: Number(anonymousOf.get(c.subject_id)?.submitted ?? 0),
            anonymousRequested: Number(anonymousOf.get(c.subject_id)?.requested ?? 0),
            managerDone: Boolean(c.manager_done),
            selfDone: Boolean(c.self_done),
          },
        ]),
      ),
    };
  }
  return {
    members: members.map((m) => ({
      id: m.id,
      name: m.name,
      title: m.title,
      department: m.department,
      directReports: Number(m.direct_reports),
      organisationBelow: Number(m.organisation_below),
    })),
    coverage,
  };
}
