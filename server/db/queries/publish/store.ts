import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Db } from "../../engines";
import { publishedAxisMeans, publishedComposites, publishedScores } from "../../schema";
import { COMPOSITE, type PublishContext } from "./context";

/** Replaces what an earlier publish of the cycle stored with pub_figures: the
 *  competency and visibility figures, the composites (what the finder ranks,
 *  with each subject's shown visibility beside them), and each axis's
 *  organisation mean over the shown others figures. */
export async function storeFigures(tx: Db, { cycleId }: PublishContext): Promise<void> {
  await tx.delete(publishedScores).where(eq(publishedScores.cycleId, cycleId));
  await tx.delete(publishedComposites).where(eq(publishedComposites.cycleId, cycleId));
  await tx.delete(publishedAxisMeans).where(eq(publishedAxisMeans.cycleId, cycleId));

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
}
