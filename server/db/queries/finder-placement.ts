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
    sql.raw(
      `least(greatest(floor((${column} - f.${axis}_from) / (f.${axis}_to - f.${axis}_from) * f.cells), 0), f.cells - 1)::smallint`,
    );
  // Each subject's composite rows folded into one by conditional aggregates,
  // not joined to each other: within publish the composites were written
  // moments ago and have no statistics yet, and a planner that believes the
  // table empty joins it to itself row by row.
  await tx.execute(sql`insert into published_finder_people
      (cycle_id, subject_id, name, title, department, level, location, responses, competence, competence_low, competence_high,
       visibility, manager_gap, self_agreement, quadrant, shortlist_order, competence_cell, visibility_cell)
    select pc.cycle_id, pc.subject_id, p.name, p.title, p.department, p.level, p.location, pc.n,
           pc.competence, pc.competence_low, pc.competence_high, pc.visibility, pc.manager_gap, pc.self_agreement, q.quadrant,
           case when q.quadrant = 'quiet_influencer' then
             row_number() over (partition by q.quadrant = 'quiet_influencer'
                                order by pc.competence_low desc nulls last, pc.competence desc, pc.subject_id)
           end,
           ${cell("pc.competence", "competence")}, ${cell("pc.visibility", "visibility")}
    from (
      select cycle_id, subject_id,
             bool_or("group" = 'others' and not suppressed and visibility is not null) as placed,
             max(n) filter (where "group" = 'others') as n,
             max(shrunk_mean) filter (where "group" = 'others') as competence,
             max(shrunk_low) filter (where "group" = 'others') as competence_low,
             max(shrunk_high) filter (where "group" = 'others') as competence_high,
             max(visibility) filter (where "group" = 'others') as visibility,
             max(difference_from_others) filter (where "group" = 'manager') as manager_gap,
             max(agreement) filter (where "group" = 'self') as self_agreement
      from published_composites
      where cycle_id = ${cycleId}
      group by cycle_id, subject_id
    ) pc
    join published_finder_cycles f on f.cycle_id = pc.cycle_id
    join people p on p.id = pc.subject_id
    cross join lateral (
      select (case when pc.competence > f.median_competence + ${SAME}::float8
                   then (case when pc.visibility > f.median_visibility + ${SAME}::float8 then 'visible_leader' else 'quiet_influencer' end)
                   else (case when pc.visibility > f.median_visibility + ${SAME}::float8 then 'visible_not_leading' else 'developing' end)
              end)::finder_quadrant as quadrant
    ) q
    where pc.placed`);

  await tx.execute(sql`insert into published_finder_groups (cycle_id, department, level, location, quadrant, people)
    select cycle_id, department, level, location, quadrant, count(*)::int
    from published_finder_people where cycle_id = ${cycleId}
    group by cycle_id, department, level, location, quadrant`);
}
