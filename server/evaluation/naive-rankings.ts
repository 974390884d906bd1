import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "../db/engines";
import { queryRows } from "../db/rows";

/**
 * The scores a naive shortlist would rank by, for every subject of a cycle:
 * what an organisation without Undercurrent's finder would look at.
 *
 * - rawMean: the plain mean, over every response from someone other than the
 *   subject (peers, direct reports and the manager), of that response's
 *   competence composite. No shrinkage, no minimum group size, no visibility.
 * - managerScore: the manager's response composite alone (null without one).
 *
 * A response's composite is scored as publishing scores it: the mean over the
 * competencies it observed of the mean of its observed statements there,
 * reverse-scored statements flipped (6 − x); the visibility axis never counts.
 */
export interface NaiveScores {
  subjectId: string;
  rawMean: number;
  managerScore: number | null;
}

/** Decimal places kept: mathematically equal means stay equal whatever order
 *  the database summed them in (closing a cycle shuffles its responses). */
const SCORE_DECIMALS = 9;

export async function loadNaiveScores(db: Db, cycleId: string): Promise<NaiveScores[]> {
  const rows = await queryRows<{ subject_id: string; raw_mean: number; manager_score: number | null }>(
    db,
    sql`with competency_scores as (
          select r.id as response_id, r.subject_id, r.relationship, s.competency_id,
                 avg(case when s.reverse_scored then 6 - rr.value else rr.value end) as score
          from responses r
          join response_ratings rr on rr.response_id = r.id
          join statements s on s.id = rr.statement_id
          join competencies c on c.id = s.competency_id
          where r.cycle_id = ${cycleId} and r.relationship <> 'self' and rr.value is not null and c.kind = 'competency'
          group by r.id, r.subject_id, r.relationship, s.competency_id
        ), composites as (
          select response_id, subject_id, relationship, avg(score) as composite
          from competency_scores group by response_id, subject_id, relationship
        )
        select subject_id,
               round(avg(composite), ${SCORE_DECIMALS})::float8 as raw_mean,
               round(avg(composite) filter (where relationship = 'manager'), ${SCORE_DECIMALS})::float8 as manager_score
        from composites
        group by subject_id`,
  );
  return rows.map((r) => ({
    subjectId: r.subject_id,
    rawMean: Number(r.raw_mean),
    managerScore: r.manager_score === null ? null : Number(r.manager_score),
  }));
}
