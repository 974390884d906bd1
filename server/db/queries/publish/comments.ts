import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Db } from "../../engines";
import { publishedComments } from "../../schema";
import { COMPOSITE, type PublishContext } from "./context";

/**
 * Comments, detached from their responses. Anonymous ones only where the
 * subject's others composite is shown (k responses behind the figures, not
 * merely k submitted), and only from responses counted in some figure.
 * Joins, not a probe per comment: the temporary tables have no indexes.
 * Manager and self comments are attributed and always kept.
 */
export async function publishComments(tx: Db, { cycleId }: PublishContext): Promise<void> {
  await tx.delete(publishedComments).where(eq(publishedComments.cycleId, cycleId));
  await tx.execute(sql`insert into published_comments (cycle_id, subject_id, question_id, "group", body)
    with counted as (select distinct response_id from pub_members),
    composite_shown as (select subject_id from pub_groups where competency_id = ${COMPOSITE}::uuid and grp = 'others')
    select ${cycleId}::uuid, r.subject_id, rc.question_id,
           (case when r.relationship in ('peer', 'direct_report') then 'others' else r.relationship::text end)::score_group,
           rc.body
    from response_comments rc
    join responses r on r.id = rc.response_id
    left join counted c on c.response_id = r.id
    left join composite_shown cs on cs.subject_id = r.subject_id
    where r.cycle_id = ${cycleId}
      and (r.relationship in ('self', 'manager') or (c.response_id is not null and cs.subject_id is not null))
    order by random()`);
}
