import "server-only";
import { countDistinct, eq, sql } from "drizzle-orm";
import { Refusal } from "../../../domain/refusal";
import type { Db } from "../../engines";
import { cycles, publishedComments, publishedScores } from "../../schema";
import type { PublishContext } from "./context";

const notPublishable = (status: string | null) =>
  status === null
    ? new Refusal("not_found", "No such cycle.")
    : new Refusal("precondition_failed", `Only a closed cycle can be published; this one is ${status}.`);

export interface PublishSummary {
  subjects: number;
  figures: number;
  hidden: number;
  comments: number;
}

/** Locks the cycle for the transaction and refuses one that is not closed
 *  (or published: publishing again recomputes the same figures). */
export async function beginPublish(tx: Db, cycleId: string): Promise<PublishContext> {
  const [cycle] = await tx
    .select({ status: cycles.status, k: cycles.minGroupSize })
    .from(cycles)
    .where(eq(cycles.id, cycleId))
    .for("update");
  if (!cycle || (cycle.status !== "closed" && cycle.status !== "published")) {
    throw notPublishable(cycle?.status ?? null);
  }
  // The aggregates of the steps hash and sort every score of the cycle; with
  // the default 4 MB they spill to disk at a few thousand people. (The app's
  // connections also turn JIT off: it compiled these once-run statements for
  // longer than they ran — server/db/engines.ts.)
  await tx.execute(sql`set local work_mem = '64MB'`);
  return { cycleId, k: cycle.k };
}

/** The last step: the cycle reads as published once the transaction commits. */
export async function markPublished(tx: Db, { cycleId }: PublishContext): Promise<void> {
  await tx
    .update(cycles)
    .set({ status: "published", publishedAt: sql`coalesce(${cycles.publishedAt}, now())` })
    .where(eq(cycles.id, cycleId));
}

/** What was stored, in counts: for the audit row and the log, never a figure. */
export async function summarisePublished(tx: Db, cycleId: string): Promise<PublishSummary> {
  const [scores] = await tx
    .select({
      subjects: countDistinct(publishedScores.subjectId),
      figures: sql<number>`count(*) filter (where not ${publishedScores.suppressed})`.mapWith(Number),
      hidden: sql<number>`count(*) filter (where ${publishedScores.suppressed})`.mapWith(Number),
    })
    .from(publishedScores)
    .where(eq(publishedScores.cycleId, cycleId));
  const comments = await tx.$count(publishedComments, eq(publishedComments.cycleId, cycleId));
  // An aggregate without GROUP BY answers one row, even over no rows.
  return { ...scores!, comments };
}
