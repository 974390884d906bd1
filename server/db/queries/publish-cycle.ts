import "server-only";
import { sql } from "drizzle-orm";
import { tQuantile95, Z_90 } from "../../domain/scoring";
import type { Db } from "../engines";
import { auditDisclosure } from "./disclosure-audit";
import { placeForFinder } from "./finder-placement";
import { queryRows } from "../rows";

export class CycleNotPublishableError extends Error {
  constructor(readonly status: string | null) {
    super(status === null ? "No such cycle." : `Only a closed cycle can be published; this one is ${status}.`);
    this.name = "CycleNotPublishableError";
  }
}

/** Where a running publish stands: step `step` of `steps` has just begun. */
export interface PublishProgress {
  step: number;
  steps: number;
  label: string;
}

/** The steps a publish goes through, in order, as HR reads them. */
export const PUBLISH_STEPS = [
  "Scoring every response",
  "Grouping answers under the anonymity rules",
  "Estimating the organisation-wide spread",
  "Computing means, intervals, shrunk scores and self–other gaps",
  "Storing the figures",
  "Publishing comments",
  "Placing everyone for the finder",
  "Checking the anonymity rules",
  "Finishing",
] as const;

export interface PublishSummary {
  subjects: number;
  figures: number;
  hidden: number;
  comments: number;
}

/** Stands for the leadership composite where the steps below expect an axis
 *  id; it never leaves the temporary tables. */
const COMPOSITE = "00000000-0000-0000-0000-000000000000";

/** Z_90 as a parameter of the SQL below, where tQuantile95's expansion is written out. */
const z = sql`${Z_90}::float8`;

/** t₀.₉₅ for up to 30 degrees of freedom; larger samples use the same
 *  expansion as `tQuantile95`, written out in SQL below. */
const tTable = sql.join(
  Array.from({ length: 30 }, (_, i) => sql`(${i + 1}::int, ${tQuantile95(i + 1)}::float8)`),
  sql`, `,
);

/**
 * Publishes a closed cycle: computes every figure once, in SQL inside the
 * database, and stores it; pages only read what is stored. One transaction:
 * it completes or leaves nothing. Publishing again recomputes the same
 * figures from the same responses.
 *
 * For each subject × competency (and the visibility axis) × group —
 * self and manager (attributed), others (peers and direct reports pooled),
 * and peers and direct reports apart when each has k complete responses —
 * over the responses the disclosure rule counts (server/domain/disclosure.ts):
 *   n, mean, sd, a 90 % t interval, the distribution of response scores,
 *   and for others an empirical-Bayes shrunk mean:
 *     within  σ²_w = Σ within-subject squares / (N − g)
 *     between σ²_b = max(0, (MS_between − σ²_w) / n₀),  n₀ = (N − Σnᵢ²/N)/(g − 1)
 *     shrunk  = m + (1 − B)(x̄ − m),  B = (σ²_w/n) / (σ²_w/n + σ²_b)
 *   estimated per competency from every subject's shown others figure
 *   (server/domain/scoring.ts holds the same definitions as plain functions).
 * The leadership composite (each response's mean over the competencies;
 * an anonymous response counts for it only when it observed all of them)
 * goes through the same steps as one more axis and is stored in
 * published_composites: it is what the finder ranks. Groups the rule hides
 * are stored hidden, with how many observed them. Comments are copied
 * without any link to their response, only where the subject's others
 * composite is shown (manager and self comments are attributed and always
 * kept). Before it commits, an auditor reads back what was stored and
 * refuses to publish if any figures break the rule (./disclosure-audit.ts).
 */
export async function publishCycle(
  db: Db,
  {
    cycleId,
    onProgress = () => {},
    beforeCommit,
  }: {
    cycleId: string;
    onProgress?: (progress: PublishProgress) => void;
    /** Runs last inside the transaction, so that what it writes (the audit
     *  row, the job's end) commits with the figures or not at all. */
    beforeCommit?: (tx: Db, summary: PublishSummary) => Promise<void>;
  },
): Promise<PublishSummary> {
  // Only the step names leave the transaction: nothing is visible to anyone
  // else until it commits.
  const begin = (label: (typeof PUBLISH_STEPS)[number]) =>
    onProgress({ step: PUBLISH_STEPS.indexOf(label) + 1, steps: PUBLISH_STEPS.length, label });
  return db.transaction(async (tx) => {
    const [cycle] = await queryRows<{ status: string; k: number }>(
      tx,
      sql`select status, min_group_size as k from cycles where id = ${cycleId} for update`,
    );
    if (!cycle || (cycle.status !== "closed" && cycle.status !== "published")) {
      throw new CycleNotPublishableError(cycle?.status ?? null);
    }
    const k = Number(cycle.k);
    // The aggregates below hash and sort every score of the cycle; with the
    // default 4 MB they spill to disk at a few thousand people. (The app's
    // connections also turn JIT off: it compiled these once-run statements for
    // longer than they ran — server/db/engines.ts.)
    await tx.execute(sql`set local work_mem = '64MB'`);

    begin("Scoring every response");
    await tx.execute(sql`delete from published_scores where cycle_id = ${cycleId}`);
    await tx.execute(sql`delete from published_composites where cycle_id = ${cycleId}`);
    await tx.execute(sql`delete from published_comments where cycle_id = ${cycleId}`);
    await tx.execute(sql`delete from published_axis_means where cycle_id = ${cycleId}`);

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

    begin("Grouping answers under the anonymity rules");
    // Which anonymous responses count behind which figure — countedSets in
    // server/domain/disclosure.ts, in SQL. A unit is all of a subject's
    // anonymous raters, or each kind apart when both kinds have k complete
    // responses. Within a unit: the composite over the complete responses;
    // a competency over those plus the partial ones that observed it, if at
    // least k of them did; visibility over whoever observed it, if k did.
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

    // Each group's figures in one pass: attributed answers alone, anonymous
    // ones over the members above, pooled as others and by kind where the
    // kinds are units. Everything after this reads these few rows per subject
    // and axis, not the scores again.
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

    // Which rows exist and which are shown, for every subject of the cycle ×
    // every axis of its model, so that a group nobody answered is still
    // stored: hidden, with how many observed it ("2 of 3 needed").
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

    begin("Estimating the organisation-wide spread");
    // Variance components per axis, from every subject's shown others figure:
    // a hidden group never enters the organisation's prior, so the shrunk
    // figures built on it reveal nothing of what was hidden.
    await tx.execute(sql`create temporary table pub_components on commit drop as
      with per_subject as (
        -- Within-subject sum of squares: sd² · (n − 1), none for a single score.
        select competency_id, subject_id, n::float8 as n, mean, coalesce(sd * sd * (n - 1), 0) as ss
        from pub_groups where grp = 'others'
      ), totals as (
        select competency_id, sum(n) as big_n, count(*)::float8 as g, sum(n * mean) / sum(n) as grand,
               sum(ss) as ssw, sum(n * n) as sum_n2
        from per_subject group by competency_id
      ), between_squares as (
        select p.competency_id, sum(p.n * (p.mean - t.grand) ^ 2) as ssb
        from per_subject p join totals t using (competency_id) group by p.competency_id
      )
      select t.competency_id, t.grand,
             case when t.g >= 2 and t.big_n - t.g >= 1 then t.ssw / (t.big_n - t.g) end as within,
             case when t.g >= 2 and t.big_n - t.g >= 1 then
               greatest(0, (b.ssb / (t.g - 1) - t.ssw / (t.big_n - t.g)) / ((t.big_n - t.sum_n2 / t.big_n) / (t.g - 1)))
             end as between
      from totals t join between_squares b using (competency_id)`);

    begin("Computing means, intervals, shrunk scores and self–other gaps");
    await tx.execute(sql`create temporary table pub_figures on commit drop as
      with t95(df, t) as (values ${tTable}),
      stats as (
        select r.subject_id, r.competency_id, r.grp, g.n is not null as shown, coalesce(g.n, r.observed) as n,
               g.mean, g.sd, g.distribution
        from pub_rows r
        left join pub_groups g on g.subject_id = r.subject_id and g.competency_id = r.competency_id and g.grp = r.grp
      ), with_t as (
        select s.*, case when s.n - 1 between 1 and 30 then t95.t
                         when s.n - 1 > 30 then ${z}
                              + (${z} ^ 3 + ${z}) / (4.0 * (s.n - 1))
                              + (5 * ${z} ^ 5 + 16 * ${z} ^ 3 + 3 * ${z}) / (96.0 * (s.n - 1) ^ 2)
                    end as t
        from stats s left join t95 on t95.df = s.n - 1
      ), figures as (
      select w.subject_id, w.competency_id, w.grp, w.n, not w.shown as suppressed,
             case when w.shown then w.mean end as mean,
             case when w.shown then w.sd end as sd,
             -- Cut to the 1–5 scale an average cannot leave.
             case when w.shown then greatest(1, w.mean - w.t * w.sd / sqrt(w.n)) end as ci_low,
             case when w.shown then least(5, w.mean + w.t * w.sd / sqrt(w.n)) end as ci_high,
             case when w.shown and w.grp = 'others' then
               case when c.within is null then w.mean
                    when c.within / w.n + c.between = 0 then w.mean
                    else c.grand + (1 - (c.within / w.n) / (c.within / w.n + c.between)) * (w.mean - c.grand)
               end
             end as shrunk_mean,
             -- The shrunk mean's 90 % range: ± z·√((σ²_w/n · σ²_b) / (σ²_w/n + σ²_b)).
             case when w.shown and w.grp = 'others' and c.within is not null then
               case when c.within / w.n + c.between = 0 then 0
                    else ${Z_90} * sqrt((c.within / w.n) * c.between / (c.within / w.n + c.between))
               end
             end as shrunk_half_width,
             case when w.shown then w.distribution end as distribution
      from with_t w left join pub_components c on c.competency_id = w.competency_id
      ), compared as (
      -- Self and manager against the published others of the same subject and
      -- axis: difference, and for self the agreement. A window over the pair
      -- rather than an update afterwards: the figures are written once.
      select f.*,
             max(f.mean) filter (where f.grp = 'others' and not f.suppressed) over pair as others_mean,
             max(f.ci_low) filter (where f.grp = 'others' and not f.suppressed) over pair as others_low,
             max(f.ci_high) filter (where f.grp = 'others' and not f.suppressed) over pair as others_high
      from figures f
      window pair as (partition by f.subject_id, f.competency_id)
      )
      select subject_id, competency_id, grp, n, suppressed, mean, sd, ci_low, ci_high, shrunk_mean, shrunk_half_width, distribution,
             case when grp in ('self', 'manager') then mean - others_mean end as difference_from_others,
             case when grp = 'self' and others_low is not null then
               case when mean > others_high then 'blind_spot'::agreement
                    when mean < others_low then 'hidden_strength'::agreement
                    else 'in_line'::agreement end
             end as agreement
      from compared`);

    await tx.execute(sql`analyze pub_figures`);

    begin("Storing the figures");

    await tx.execute(sql`insert into published_scores
        (cycle_id, subject_id, competency_id, "group", n, suppressed, mean, sd, ci_low, ci_high, shrunk_mean, distribution,
         difference_from_others, agreement)
      select ${cycleId}::uuid, subject_id, competency_id, grp, n, suppressed, mean, sd, ci_low, ci_high, shrunk_mean, distribution,
             difference_from_others, agreement
      from pub_figures where competency_id <> ${COMPOSITE}::uuid
      -- In key order, so the primary key's index grows at its end instead of
      -- touching a random page per row (PGlite, with few buffers, felt that most).
      order by subject_id, competency_id, grp`);
    await tx.execute(sql`insert into published_composites
        (cycle_id, subject_id, "group", n, suppressed, mean, sd, ci_low, ci_high, shrunk_mean, shrunk_low, shrunk_high,
         difference_from_others, agreement, visibility)
      select ${cycleId}::uuid, f.subject_id, f.grp, f.n, f.suppressed, f.mean, f.sd, f.ci_low, f.ci_high, f.shrunk_mean,
             -- greatest() and least() skip nulls: without the guard a hidden row would read 1 … 5.
             case when f.shrunk_mean is not null then greatest(1, f.shrunk_mean - f.shrunk_half_width) end,
             case when f.shrunk_mean is not null then least(5, f.shrunk_mean + f.shrunk_half_width) end,
             f.difference_from_others, f.agreement, vis.shrunk_mean
      from pub_figures f
      left join pub_figures vis on f.grp = 'others' and not f.suppressed and vis.grp = 'others' and vis.subject_id = f.subject_id and not vis.suppressed
        and vis.competency_id = (select id from competencies
                                 where kind = 'visibility' and model_id = (select model_id from cycles where id = ${cycleId}))
      where f.competency_id = ${COMPOSITE}::uuid`);

    // Each axis's organisation mean, which every report shows beside the subject's own.
    await tx.execute(sql`insert into published_axis_means (cycle_id, competency_id, mean, subjects)
      select ${cycleId}::uuid, competency_id, avg(mean), count(*)::int
      from pub_figures
      where grp = 'others' and not suppressed and competency_id <> ${COMPOSITE}::uuid
      group by competency_id`);

    begin("Publishing comments");
    // Comments, detached from their responses. Anonymous ones only where the
    // subject's others composite is shown (k responses behind the figures, not
    // merely k submitted), and only from responses counted in some figure.
    // Joins, not a probe per comment: the temporary tables have no indexes.
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

    begin("Placing everyone for the finder");
    await placeForFinder(tx, cycleId);

    begin("Checking the anonymity rules");
    // Refuses (and so rolls everything back) rather than publish a leak.
    await auditDisclosure(tx, cycleId, k, COMPOSITE);

    begin("Finishing");
    await tx.execute(
      sql`update cycles set status = 'published', published_at = coalesce(published_at, now()) where id = ${cycleId}`,
    );

    const [summary] = await queryRows<{ subjects: number; figures: number; hidden: number; comments: number }>(
      tx,
      sql`select (select count(distinct subject_id)::int from published_scores where cycle_id = ${cycleId}) as subjects,
                 (select count(*)::int from published_scores where cycle_id = ${cycleId} and not suppressed) as figures,
                 (select count(*)::int from published_scores where cycle_id = ${cycleId} and suppressed) as hidden,
                 (select count(*)::int from published_comments where cycle_id = ${cycleId}) as comments`,
    );
    const published: PublishSummary = {
      subjects: Number(summary!.subjects),
      figures: Number(summary!.figures),
      hidden: Number(summary!.hidden),
      comments: Number(summary!.comments),
    };
    await beforeCommit?.(tx, published);
    return published;
  });
}
