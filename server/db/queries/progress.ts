import "server-only";
import { and, eq, type SQL, sql } from "drizzle-orm";
import type { Db } from "../engines";
import { queryRows } from "../rows";
import { cycles, progressSnapshots } from "../schema";
import { openRequestsByRater } from "./open-requests";

/**
 * Progress as managers and HR see it, counted once a day.
 *
 * A submit marks its assignment submitted and nothing else, with no time; but
 * a count read live still ticks at the moment someone answers, and whoever
 * watched it while knowing who was busy could tell who it was. So while a
 * cycle collects, every view of its anonymous progress reads the day's count
 * (UTC) instead: taken once, just after midnight by the schedule, or by the
 * first view of the day if the schedule has not run. A submit shows the next
 * day, together with everyone else's of the day it was made. Once a cycle has
 * closed nothing changes any more, and views read the requests themselves.
 */

/**
 * Counts a collecting cycle's requests as they stand now, as the count of
 * `day`, unless that day is counted already. One statement: it claims the day
 * (only one of two views at once can), writes the counts from one consistent
 * reading of the requests, and forgets the cycle's earlier days.
 */
export async function takeProgressCount(db: Db, { cycleId, day }: { cycleId: string; day: string }): Promise<boolean> {
  // Data-modifying CTEs that claim the day and write its counts: kept as SQL.
  const [result] = await queryRows<{ taken: number }>(
    db,
    sql`with claimed as (
          insert into progress_snapshots (cycle_id, counted_on, raters_open)
          select c.id, ${day}::date, (select count(*) from (${openRequestsByRater(sql`c.id`)}) open)::int
          from cycles c where c.id = ${cycleId} and c.status = 'collecting'
          on conflict do nothing
          returning cycle_id, counted_on
        ), counted as (
          insert into progress_snapshot_counts (cycle_id, counted_on, subject_id, relationship, pending, in_progress, submitted, declined)
          select claimed.cycle_id, claimed.counted_on, a.subject_id, a.relationship,
                 count(*) filter (where a.status = 'pending')::int,
                 count(*) filter (where a.status = 'in_progress')::int,
                 count(*) filter (where a.status = 'submitted')::int,
                 count(*) filter (where a.status = 'declined')::int
          from claimed join assignments a on a.cycle_id = claimed.cycle_id
          group by claimed.cycle_id, claimed.counted_on, a.subject_id, a.relationship
        ), earlier_days as (
          delete from progress_snapshots ps using claimed
          where ps.cycle_id = claimed.cycle_id and ps.counted_on < claimed.counted_on
        ), earlier_counts as (
          delete from progress_snapshot_counts psc using claimed
          where psc.cycle_id = claimed.cycle_id and psc.counted_on < claimed.counted_on
        )
        select count(*)::int as taken from claimed`,
  );
  return (result?.taken ?? 0) > 0;
}

/**
 * Makes sure each collecting cycle (or just `cycleId`, if it collects) has
 * `today` counted, and says the day each one's views are counted as of.
 * Cycles that do not collect are absent: their views read the requests.
 */
export async function countProgress(
  db: Db,
  { today, cycleId }: { today: string; cycleId?: string },
): Promise<Map<string, string>> {
  const latestDay = db
    .select({ day: sql`max(${progressSnapshots.countedOn})::text` })
    .from(progressSnapshots)
    .where(eq(progressSnapshots.cycleId, cycles.id));
  const collecting = await db
    .select({ id: cycles.id, countedOn: sql<string | null>`${latestDay}` })
    .from(cycles)
    .where(and(eq(cycles.status, "collecting"), cycleId === undefined ? undefined : eq(cycles.id, cycleId)));
  const countedOn = new Map<string, string>();
  for (const cycle of collecting) {
    // Days are ISO dates, which compare as text. A later day already counted
    // (another server's clock ahead of this one) is left as it is.
    if (cycle.countedOn === null || cycle.countedOn < today)
      await takeProgressCount(db, { cycleId: cycle.id, day: today });
    countedOn.set(cycle.id, cycle.countedOn !== null && cycle.countedOn > today ? cycle.countedOn : today);
  }
  return countedOn;
}

/** Drops the counts of cycles that no longer collect: their views read the requests now. */
export async function forgetFinishedProgressCounts(db: Db): Promise<void> {
  await db.execute(
    sql`with days as (
          delete from progress_snapshots ps
          where not exists (select 1 from cycles c where c.id = ps.cycle_id and c.status = 'collecting')
        )
        delete from progress_snapshot_counts psc
        where not exists (select 1 from cycles c where c.id = psc.cycle_id and c.status = 'collecting')`,
  );
}

/**
 * Requests by cycle, subject and relationship, in each state — what progress
 * views aggregate, with columns cycle_id, subject_id, relationship, pending,
 * in_progress, submitted, declined. For a collecting cycle, its latest day's
 * count (call `countProgress` first); for any other, the requests themselves.
 * Counts only: never who.
 */
export function progressRows(): SQL {
  return sql`(
    select psc.cycle_id, psc.subject_id, psc.relationship, psc.pending, psc.in_progress, psc.submitted, psc.declined
    from progress_snapshot_counts psc
    join cycles c on c.id = psc.cycle_id and c.status = 'collecting'
    where psc.counted_on = (select max(ps.counted_on) from progress_snapshots ps where ps.cycle_id = psc.cycle_id)
    union all
    select a.cycle_id, a.subject_id, a.relationship,
           count(*) filter (where a.status = 'pending')::int,
           count(*) filter (where a.status = 'in_progress')::int,
           count(*) filter (where a.status = 'submitted')::int,
           count(*) filter (where a.status = 'declined')::int
    from assignments a
    join cycles c on c.id = a.cycle_id and c.status <> 'collecting'
    group by a.cycle_id, a.subject_id, a.relationship
  )`;
}

/** Request counts by state over `progressRows()` aliased `p`, named as `RequestCounts` (server/shapes/cycles.ts) names them. */
export const progressCountColumns = sql`coalesce(sum(p.pending + p.in_progress + p.submitted + p.declined), 0)::int as total,
  coalesce(sum(p.submitted), 0)::int as submitted,
  coalesce(sum(p.in_progress), 0)::int as "inProgress",
  coalesce(sum(p.pending), 0)::int as "notStarted",
  coalesce(sum(p.declined), 0)::int as declined`;
