import "server-only";
import { sql } from "drizzle-orm";
import { DENSITY_BINS, SAME } from "../../domain/finder";
import type { Db } from "../engines";

/**
 * Places everyone of a cycle for the finder, once, as part of publishing it
 * (after its composites are stored, in the same transaction): the frame
 * (medians and axis ranges), each placed person with quadrant, shortlist
 * order and density cell, and the counts per department, level, location and
 * quadrant. The rules are the plain functions of server/domain/finder.ts —
 * median, axisRange, quadrantOf, rankShortlist — written in SQL; the finder's
 * tests hold the two together.
 *
 * Reading the finder then costs what its page shows, not what the
 * organisation holds. Migration 0010 ran the same statements for cycles
 * published before it.
 */
export async function placeForFinder(tx: Db, cycleId: string): Promise<void> {
  await tx.execute(sql`delete from published_finder_groups where cycle_id = ${cycleId}`);
  await tx.execute(sql`delete from published_finder_people where cycle_id = ${cycleId}`);
  await tx.execute(sql`delete from published_finder_cycles where cycle_id = ${cycleId}`);

  // The medians of everyone placed, and each axis's range around its data and
  // median in half points (axisRange).
  await tx.execute(sql`insert into published_finder_cycles
      (cycle_id, subjects, median_competence, median_visibility, competence_from, competence_to, visibility_from, visibility_to, cells)
    select ${cycleId},
           (select count(*) from published_composites where cycle_id = ${cycleId} and "group" = 'others'),
           m.mc, m.mv,
           greatest(1, floor((least(m.min_c, m.mc) - 0.1) * 2) / 2), least(5, ceil((greatest(m.max_c, m.mc) + 0.1) * 2) / 2),
           greatest(1, floor((least(m.min_v, m.mv) - 0.1) * 2) / 2), least(5, ceil((greatest(m.max_v, m.mv) + 0.1) * 2) / 2),
           ${DENSITY_BINS}
    from (
      select percentile_cont(0.5) within group (order by shrunk_mean) as mc,
             percentile_cont(0.5) within group (order by visibility) as mv,
             min(shrunk_mean) as min_c, max(shrunk_mean) as max_c, min(visibility) as min_v, max(visibility) as max_v
      from published_composites
      where cycle_id = ${cycleId} and "group" = 'others' and not suppressed and visibility is not null
    ) m`);

  const cell = (column: string, axis: "competence" | "visibility") =>
    sql.raw(`least(greatest(floor((${column} - f.${axis}_from) / (f.${axis}_to - f.${axis}_from) * f.cells), 0), f.cells - 1)::smallint`);
  await tx.execute(sql`insert into published_finder_people
      (cycle_id, subject_id, name, title, department, level, location, responses, competence, competence_low, competence_high,
       visibility, manager_gap, self_agreement, quadrant, shortlist_order, competence_cell, visibility_cell)
    select pc.cycle_id, pc.subject_id, p.name, p.title, p.department, p.level, p.location, pc.n,
           pc.shrunk_mean, pc.shrunk_low, pc.shrunk_high, pc.visibility,
           mgr.difference_from_others, slf.agreement, q.quadrant,
           case when q.quadrant = 'quiet_influencer' then
             row_number() over (partition by q.quadrant = 'quiet_influencer'
                                order by pc.shrunk_low desc nulls last, pc.shrunk_mean desc, pc.subject_id)
           end,
           ${cell("pc.shrunk_mean", "competence")}, ${cell("pc.visibility", "visibility")}
    from published_composites pc
    join published_finder_cycles f on f.cycle_id = pc.cycle_id
    join people p on p.id = pc.subject_id
    left join published_composites mgr on mgr.cycle_id = pc.cycle_id and mgr.subject_id = pc.subject_id and mgr."group" = 'manager'
    left join published_composites slf on slf.cycle_id = pc.cycle_id and slf.subject_id = pc.subject_id and slf."group" = 'self'
    cross join lateral (
      select (case when pc.shrunk_mean > f.median_competence + ${SAME}::float8
                   then (case when pc.visibility > f.median_visibility + ${SAME}::float8 then 'visible_leader' else 'quiet_influencer' end)
                   else (case when pc.visibility > f.median_visibility + ${SAME}::float8 then 'visible_not_leading' else 'developing' end)
              end)::finder_quadrant as quadrant
    ) q
    where pc.cycle_id = ${cycleId} and pc."group" = 'others' and not pc.suppressed and pc.visibility is not null`);

  await tx.execute(sql`insert into published_finder_groups (cycle_id, department, level, location, quadrant, people)
    select cycle_id, department, level, location, quadrant, count(*)::int
    from published_finder_people where cycle_id = ${cycleId}
    group by cycle_id, department, level, location, quadrant`);
}
