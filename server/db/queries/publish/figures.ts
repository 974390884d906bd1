import "server-only";
import { sql } from "drizzle-orm";
import { tQuantile95, Z_90 } from "../../../domain/scoring";
import type { Db } from "../../engines";

/** Z_90 as a parameter of the SQL below, where tQuantile95's expansion is written out. */
const z = sql`${Z_90}::float8`;

/** t₀.₉₅ for up to 30 degrees of freedom; larger samples use the same
 *  expansion as `tQuantile95`, written out in SQL below. */
const tTable = sql.join(
  Array.from({ length: 30 }, (_, i) => sql`(${i + 1}::int, ${tQuantile95(i + 1)}::float8)`),
  sql`, `,
);

/**
 * Every figure as it will be stored (pub_figures), shown or hidden: n, mean,
 * sd, a 90 % t interval cut to the 1–5 scale, the distribution, and for
 * others the empirical-Bayes shrunk mean and its 90 % range,
 *   shrunk = m + (1 − B)(x̄ − m),  B = (σ²_w/n) / (σ²_w/n + σ²_b),
 * with self and manager set against the shown others of the same subject
 * and axis (difference, and for self the agreement). A hidden group carries
 * only its n.
 */
export async function computeFigures(tx: Db): Promise<void> {
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
}
