import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "../engines";
import { queryRows } from "../rows";
import { countProgress, progressCountColumns, progressRows } from "./progress";
import type { CycleStatus } from "../../../lib/vocabulary";
import type { CycleSummary, RequestCounts } from "../../shapes/cycles";

export type CountRow = { total: number; submitted: number; in_progress: number; not_started: number; declined: number };

export function toCounts(row: CountRow): RequestCounts {
  return {
    total: Number(row.total),
    submitted: Number(row.submitted),
    inProgress: Number(row.in_progress),
    notStarted: Number(row.not_started),
    declined: Number(row.declined),
  };
}

/** Every cycle with its request counts: counts only, never who, and while a
 *  cycle collects, as counted that day. Newest first. Per-department
 *  progress is on the cycle's own page. The shape: server/shapes/cycles.ts. */
export async function listCycleSummaries(db: Db, { today }: { today: string }): Promise<CycleSummary[]> {
  const countedOn = await countProgress(db, { today });
  const cycles = await queryRows<
    CountRow & {
      id: string;
      name: string;
      status: CycleStatus;
      opens_on: string;
      closes_on: string;
      min_group_size: number;
      subjects: number;
    }
  >(
    db,
    sql`select c.id, c.name, c.status, c.opens_on::text as opens_on, c.closes_on::text as closes_on, c.min_group_size,
               count(distinct p.subject_id)::int as subjects, ${progressCountColumns}
        from cycles c left join ${progressRows()} p on p.cycle_id = c.id
        group by c.id
        order by c.opens_on desc, c.created_at desc`,
  );
  return cycles.map((c) => ({
    id: c.id,
    name: c.name,
    status: c.status,
    opensOn: c.opens_on,
    closesOn: c.closes_on,
    minGroupSize: Number(c.min_group_size),
    subjects: Number(c.subjects),
    requests: toCounts(c),
    countedOn: countedOn.get(c.id) ?? null,
  }));
}
