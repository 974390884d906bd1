import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "../engines";
import { queryRows } from "../rows";

/** The hour (UTC) a run belongs to, e.g. "2026-12-03T07". */
export function hourSlot(at: Date): string {
  return at.toISOString().slice(0, 13);
}

/**
 * Takes `slot` of the schedule `name` for this server: true for the one
 * server that inserted it, false for every other (it ran, or runs, there).
 * Slots older than a week are forgotten on the way.
 */
export async function claimScheduledRun(db: Db, { name, slot }: { name: string; slot: string }): Promise<boolean> {
  const rows = await queryRows<{ slot: string }>(
    db,
    sql`with forgotten as (
          delete from scheduled_runs where name = ${name} and claimed_at < now() - interval '7 days'
        )
        insert into scheduled_runs (name, slot) values (${name}, ${slot})
        on conflict do nothing
        returning slot`,
  );
  return rows.length > 0;
}
