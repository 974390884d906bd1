import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "../../engines";

/**
 * The organisation's prior for shrinkage (pub_components): per axis, one-way
 * random-effects variance components over every subject's shown others
 * figure — server/domain/scoring.ts's estimateVarianceComponents, in SQL:
 *   within  σ²_w = Σ within-subject squares / (N − g)
 *   between σ²_b = max(0, (MS_between − σ²_w) / n₀),  n₀ = (N − Σnᵢ²/N)/(g − 1)
 * A hidden group never enters the prior, so the shrunk figures built on it
 * reveal nothing of what was hidden.
 */
export async function estimateSpread(tx: Db): Promise<void> {
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
}
