import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "../../engines";
import { COMPOSITE, type PublishContext } from "./context";

/** Which anonymous answers stand behind which figure, and each group's n,
 *  mean, sd and distribution over them; then every row to store, shown or
 *  hidden. The disclosure rule (server/domain/disclosure.ts) is decided here. */
export async function groupUnderTheRules(tx: Db, context: PublishContext): Promise<void> {
  await chooseMembers(tx, context);
  await summariseGroups(tx);
  await listRows(tx, context);
}

/**
 * Which anonymous responses count behind which figure — countedSets in
 * server/domain/disclosure.ts, in SQL. A unit is all of a subject's
 * anonymous raters, or each kind apart when both kinds have k complete
 * responses. Within a unit: the composite over the complete responses;
 * a competency over those plus the partial ones that observed it, if at
 * least k of them did; visibility over whoever observed it, if k did.
 */
async function chooseMembers(tx: Db, { k }: PublishContext): Promise<void> {
  await tx.execute(sql`create temporary table pub_members on commit drop as
    with anonymous as (
      select ps.response_id, ps.subject_id, ps.relationship::text as kind, ps.competency_id, ps.score,
             bool_or(ps.competency_id = ${COMPOSITE}::uuid) over (partition by ps.response_id) as complete
      from pub_scores ps where ps.relationship in ('peer', 'direct_report')
    ), split as (
      select subject_id,
             count(*) filter (where kind = 'peer') >= ${k} and count(*) filter (where kind = 'direct_report') >= ${k} as split
      from anonymous where competency_id = ${COMPOSITE}::uuid group by subject_id
    ), units as (
      select a.*, case when s.split then a.kind else 'others' end as unit
      from anonymous a left join split s using (subject_id)
    ), sized as (
      select u.*, c.kind as axis_kind,
             count(*) filter (where u.competency_id = ${COMPOSITE}::uuid) over (partition by u.subject_id, u.unit) as unit_complete,
             count(*) over (partition by u.subject_id, u.unit, u.competency_id) as observing,
             count(*) filter (where not u.complete) over (partition by u.subject_id, u.unit, u.competency_id) as partial
      from units u left join competencies c on c.id = u.competency_id
    )
    select response_id, subject_id, unit, competency_id, score
    from sized
    where case
      when competency_id = ${COMPOSITE}::uuid then unit_complete >= ${k}
      when axis_kind = 'visibility' then observing >= ${k}
      when unit_complete >= ${k} then complete or partial >= ${k}
      else observing >= ${k}
    end`);
  await tx.execute(sql`analyze pub_members`);
}

/**
 * Each group's figures in one pass: attributed answers alone, anonymous
 * ones over the members above, pooled as others and by kind where the
 * kinds are units. Everything after this reads these few rows per subject
 * and axis, not the scores again.
 */
async function summariseGroups(tx: Db): Promise<void> {
  await tx.execute(sql`create temporary table pub_groups on commit drop as
    select subject_id, competency_id, grp, count(*)::int as n, avg(score) as mean, stddev_samp(score) as sd,
           array[
             count(*) filter (where floor(score + 0.5) = 1), count(*) filter (where floor(score + 0.5) = 2),
             count(*) filter (where floor(score + 0.5) = 3), count(*) filter (where floor(score + 0.5) = 4),
             count(*) filter (where floor(score + 0.5) = 5)
           ]::int[] as distribution
    from (
      select subject_id, competency_id, relationship::text::score_group as grp, score
      from pub_scores where relationship in ('self', 'manager')
      union all
      select subject_id, competency_id, 'others'::score_group, score from pub_members
      union all
      select subject_id, competency_id, unit::score_group, score from pub_members where unit <> 'others'
    ) as members
    group by subject_id, competency_id, grp`);
  await tx.execute(sql`analyze pub_groups`);
}

/**
 * Which rows exist and which are shown, for every subject of the cycle ×
 * every axis of its model, so that a group nobody answered is still
 * stored: hidden, with how many observed it ("2 of 3 needed").
 */
async function listRows(tx: Db, { cycleId }: PublishContext): Promise<void> {
  await tx.execute(sql`create temporary table pub_rows on commit drop as
    with subjects as (select distinct subject_id from assignments where cycle_id = ${cycleId}),
    base as (
      select s.subject_id, c.id as competency_id
      from subjects s cross join competencies c
      where c.model_id = (select model_id from cycles where id = ${cycleId})
      union all
      select subject_id, ${COMPOSITE}::uuid from subjects
    ), observed as (
      select subject_id, competency_id,
             count(*) filter (where relationship = 'peer')::int as peers,
             count(*) filter (where relationship = 'direct_report')::int as direct_reports
      from pub_scores where relationship in ('peer', 'direct_report')
      group by subject_id, competency_id
    ), counts as (
      select b.subject_id, b.competency_id, coalesce(o.peers, 0) as peers, coalesce(o.direct_reports, 0) as direct_reports
      from base b left join observed o using (subject_id, competency_id)
    )
    select subject_id, competency_id, 'others'::score_group as grp, peers + direct_reports as observed
      from counts
    union all
    select c.subject_id, c.competency_id, g.grp::score_group, case g.grp when 'peer' then c.peers else c.direct_reports end
      from counts c cross join (values ('peer'), ('direct_report')) as g(grp)
      where c.peers > 0 and c.direct_reports > 0
    union all
    select subject_id, competency_id, grp, n
      from pub_groups where grp in ('self', 'manager')`);
  await tx.execute(sql`analyze pub_rows`);
}
