import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "../../engines";
import { queryRows } from "../../rows";
import type { PublishContext } from "./context";

export class CycleNotPublishableError extends Error {
  constructor(readonly status: string | null) {
    super(status === null ? "No such cycle." : `Only a closed cycle can be published; this one is ${status}.`);
    this.name = "CycleNotPublishableError";
  }
}

export interface PublishSummary {
  subjects: number;
  figures: number;
  hidden: number;
  comments: number;
}

/** Locks the cycle for the transaction and refuses one that is not closed
 *  (or published: publishing again recomputes the same figures). */
export async function beginPublish(tx: Db, cycleId: string): Promise<PublishContext> {
  const [cycle] = await queryRows<{ status: string; k: number }>(
    tx,
    sql`select status, min_group_size as k from cycles where id = ${cycleId} for update`,
  );
  if (!cycle || (cycle.status !== "closed" && cycle.status !== "published")) {
    throw new CycleNotPublishableError(cycle?.status ?? null);
  }
  // The aggregates of the steps hash and sort every score of the cycle; with
  // the default 4 MB they spill to disk at a few thousand people. (The app's
  // connections also turn JIT off: it compiled these once-run statements for
  // longer than they ran — server/db/engines.ts.)
  await tx.execute(sql`set local work_mem = '64MB'`);
  return { cycleId, k: Number(cycle.k) };
}

/** The last step: the cycle reads as published once the transaction commits. */
export async function markPublished(tx: Db, { cycleId }: PublishContext): Promise<void> {
  await tx.execute(
    sql`update cycles set status = 'published', published_at = coalesce(published_at, now()) where id = ${cycleId}`,
  );
}

/** What was stored, in counts: for the audit row and the log, never a figure. */
export async function summarisePublished(tx: Db, cycleId: string): Promise<PublishSummary> {
  const [summary] = await queryRows<{ subjects: number; figures: number; hidden: number; comments: number }>(
    tx,
    sql`select (select count(distinct subject_id)::int from published_scores where cycle_id = ${cycleId}) as subjects,
               (select count(*)::int from published_scores where cycle_id = ${cycleId} and not suppressed) as figures,
               (select count(*)::int from published_scores where cycle_id = ${cycleId} and suppressed) as hidden,
               (select count(*)::int from published_comments where cycle_id = ${cycleId}) as comments`,
  );
  return {
    subjects: Number(summary!.subjects),
    figures: Number(summary!.figures),
    hidden: Number(summary!.hidden),
    comments: Number(summary!.comments),
  };
}
