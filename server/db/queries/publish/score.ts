import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "../../engines";
import { COMPOSITE, type PublishContext } from "./context";

/** One score per response and axis (pub_scores) — server/domain/scoring.ts's
 *  responseCompetencyScore, in SQL — with the composite as one more axis. */
export async function scoreResponses(tx: Db, { cycleId }: PublishContext): Promise<void> {
  // One score per response and competency: the mean of what it observed.
  await tx.execute(sql`create temporary table pub_scores on commit drop as
    select r.id as response_id, r.subject_id, r.relationship, s.competency_id,
           avg(case when s.reverse_scored then 6 - rr.value else rr.value end)::float8 as score
    from responses r
    join response_ratings rr on rr.response_id = r.id
    join statements s on s.id = rr.statement_id
    where r.cycle_id = ${cycleId} and rr.value is not null
    group by r.id, r.subject_id, r.relationship, s.competency_id`);

  // And the composite, as one more axis from here on: each response's mean
  // over the competencies (the visibility axis never counts). An anonymous
  // response counts for it only when it observed all of them, so that the
  // composite weighs everyone behind it alike (server/domain/disclosure.ts);
  // self and manager, attributed, average what they observed.
  await tx.execute(sql`insert into pub_scores
    select ps.response_id, ps.subject_id, ps.relationship, ${COMPOSITE}::uuid, avg(ps.score)
    from pub_scores ps join competencies c on c.id = ps.competency_id
    where c.kind = 'competency'
    group by ps.response_id, ps.subject_id, ps.relationship
    having ps.relationship in ('self', 'manager')
        or count(*) = (select count(*) from competencies
                       where kind = 'competency' and model_id = (select model_id from cycles where id = ${cycleId}))`);
  // Temporary tables have no statistics until analysed; without them the
  // planner guesses a handful of rows and joins them row by row (minutes on
  // PGlite at 10,000 people). A sample of each costs milliseconds.
  await tx.execute(sql`analyze pub_scores`);
}
