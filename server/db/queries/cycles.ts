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
  byDepartment: ({ department: string; subjects: number } & RequestCounts)[];
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

/** Every cycle with its request counts, overall and by the subject's
 *  department: counts only, never who. Newest first. */
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
  const departments = await queryRows<CountRow & { cycle_id: string; department: string; subjects: number }>(
    db,
    sql`select a.cycle_id, s.department, count(distinct a.subject_id)::int as subjects, ${countColumns}
        from assignments a join people s on s.id = a.subject_id
        group by a.cycle_id, s.department
        order by s.department`,
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
    byDepartment: departments
      .filter((d) => d.cycle_id === c.id)
      .map((d) => ({ department: d.department, subjects: Number(d.subjects), ...toCounts(d) })),
  }));
}
