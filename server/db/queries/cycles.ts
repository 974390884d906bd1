import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "../engines";
import { queryRows } from "../rows";

export type CycleStatus = "draft" | "nominating" | "collecting" | "closed" | "published";

export interface RequestCounts {
  total: number;
  submitted: number;
  inProgress: number;
  notStarted: number;
  declined: number;
}

export interface CycleSummary {
  id: string;
  name: string;
  status: CycleStatus;
  opensOn: string;
  closesOn: string;
  minGroupSize: number;
  subjects: number;
  requests: RequestCounts;
}

export type CountRow = { total: number; submitted: number; in_progress: number; not_started: number; declined: number };

/** Request counts by state over assignments aliased `a`: counts only, never who. */
export const countColumns = sql`count(a.id)::int as total,
  count(a.id) filter (where a.status = 'submitted')::int as submitted,
  count(a.id) filter (where a.status = 'in_progress')::int as in_progress,
  count(a.id) filter (where a.status = 'pending')::int as not_started,
  count(a.id) filter (where a.status = 'declined')::int as declined`;

export function toCounts(row: CountRow): RequestCounts {
  return {
    total: Number(row.total),
    submitted: Number(row.submitted),
    inProgress: Number(row.in_progress),
    notStarted: Number(row.not_started),
    declined: Number(row.declined),
  };
}

/** Every cycle with its request counts: counts only, never who. Newest
 *  first. Per-department progress is on the cycle's own page. */
export async function listCycleSummaries(db: Db): Promise<CycleSummary[]> {
  const cycles = await queryRows<
    CountRow & { id: string; name: string; status: CycleStatus; opens_on: string; closes_on: string; min_group_size: number; subjects: number }
  >(
    db,
    sql`select c.id, c.name, c.status, c.opens_on::text as opens_on, c.closes_on::text as closes_on, c.min_group_size,
               count(distinct a.subject_id)::int as subjects, ${countColumns}
        from cycles c left join assignments a on a.cycle_id = c.id
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
  }));
}
