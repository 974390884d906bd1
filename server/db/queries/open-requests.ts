import "server-only";
import { type SQL, sql } from "drizzle-orm";

/**
 * Each active rater's open requests (not started or drafted) about active
 * people in the cycle: server/domain/reminders.ts `whoIsDue` in SQL, before
 * the once-a-day rule. Reminders go to these people; the day's progress
 * count records how many there were.
 */
export function openRequestsByRater(cycleId: string | SQL) {
  return sql`select a.rater_id, count(*)::int as open_requests, bool_or(a.relationship = 'self') as self_open
             from assignments a
             join people r on r.id = a.rater_id
             join people s on s.id = a.subject_id
             where a.cycle_id = ${cycleId} and a.status in ('pending', 'in_progress') and r.active and s.active
             group by a.rater_id`;
}
