import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "../engines";
import { queryRows } from "../rows";
import { countProgress, progressCountColumns, progressRows } from "./progress";
import type { CycleSummary, RequestCounts } from "../../shapes/cycles";

/** The request counts of a row that also carries `progressCountColumns`. */
export function countsOf({ total, submitted, inProgress, notStarted, declined }: RequestCounts): RequestCounts {
  return { total, submitted, inProgress, notStarted, declined };
}

/** Every cycle with its request counts: counts only, never who, and while a
 *  cycle collects, as counted that day. Newest first. Per-department
 *  progress is on the cycle's own page. The shape: server/shapes/cycles.ts. */
export async function listCycleSummaries(db: Db, { today }: { today: string }): Promise<CycleSummary[]> {
  const countedOn = await countProgress(db, { today });
  // Counted over the day's count (progressRows, a union of counts and requests): kept as SQL.
  const cycles = await queryRows<Omit<CycleSummary, "requests" | "countedOn"> & RequestCounts>(
    db,
    sql`select c.id, c.name, c.status, c.opens_on::text as "opensOn", c.closes_on::text as "closesOn",
               c.min_group_size as "minGroupSize", count(distinct p.subject_id)::int as subjects, ${progressCountColumns}
        from cycles c left join ${progressRows()} p on p.cycle_id = c.id
        group by c.id
        order by c.opens_on desc, c.created_at desc`,
  );
  return cycles.map((c) => ({
    id: c.id,
    name: c.name,
    status: c.status,
    opensOn: c.opensOn,
    closesOn: c.closesOn,
    minGroupSize: c.minGroupSize,
    subjects: c.subjects,
    requests: countsOf(c),
    countedOn: countedOn.get(c.id) ?? null,
  }));
}
