import "server-only";
import { eq, sql } from "drizzle-orm";
import { Refusal } from "../../domain/refusal";
import type { Db } from "../engines";
import { queryRows } from "../rows";
import { cycles } from "../schema";

const notCollecting = (status: string | null) =>
  status === null
    ? new Refusal("not_found", "No such cycle.")
    : new Refusal("invalid", `Only a cycle that is collecting feedback can be closed; this one is ${status}.`);

/**
 * Closes a collecting cycle: no more submissions, and every response of the
 * cycle is rewritten in one shuffled batch with new ids. While a cycle
 * collects, the physical row order and the transaction id of each response
 * follow the submit that wrote it — and that same transaction marked the
 * rater's assignment submitted. After the rewrite all responses share the
 * closing transaction and sit on disk in random order, so neither ties a
 * response to the assignment that recorded it. Drafts of requests that were
 * never submitted stay with their assignments (the rater's work is not lost).
 */
export async function closeCycle(
  db: Db,
  {
    cycleId,
    beforeCommit,
  }: {
    cycleId: string;
    /** Runs last inside the transaction: the audit row commits with the close, or neither does. */
    beforeCommit?: (tx: Db, closed: { closedOn: string }) => Promise<void>;
  },
): Promise<{ closedOn: string }> {
  return db.transaction(async (tx) => {
    const [cycle] = await tx.select({ status: cycles.status }).from(cycles).where(eq(cycles.id, cycleId)).for("update");
    if (!cycle || cycle.status !== "collecting") throw notCollecting(cycle?.status ?? null);

    await tx.execute(sql`create temporary table shuffled_responses on commit drop as
      select id as old_id, gen_random_uuid() as new_id, cycle_id, subject_id, relationship, random() as draw
      from responses where cycle_id = ${cycleId}`);
    await tx.execute(sql`create temporary table shuffled_ratings on commit drop as
      select s.new_id, r.statement_id, r.value, s.draw
      from response_ratings r join shuffled_responses s on s.old_id = r.response_id`);
    await tx.execute(sql`create temporary table shuffled_comments on commit drop as
      select s.new_id, c.question_id, c.body, s.draw, random() as draw_within
      from response_comments c join shuffled_responses s on s.old_id = c.response_id`);

    await tx.execute(sql`delete from responses where cycle_id = ${cycleId}`); // ratings and comments cascade
    await tx.execute(sql`insert into responses (id, cycle_id, subject_id, relationship)
      select new_id, cycle_id, subject_id, relationship from shuffled_responses order by draw`);
    await tx.execute(sql`insert into response_ratings (response_id, statement_id, value)
      select new_id, statement_id, value from shuffled_ratings order by draw, statement_id`);
    await tx.execute(sql`insert into response_comments (response_id, question_id, body)
      select new_id, question_id, body from shuffled_comments order by draw, draw_within`);

    const [closed] = await queryRows<{ closed_on: string }>(
      tx,
      sql`update cycles set status = 'closed', closed_at = now() where id = ${cycleId}
          returning (closed_at at time zone 'UTC')::date::text as closed_on`,
    );
    const result = { closedOn: closed!.closed_on };
    await beforeCommit?.(tx, result);
    return result;
  });
}
