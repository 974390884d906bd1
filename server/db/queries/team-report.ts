import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { Refusal } from "../../domain/refusal";
import type { Db } from "../engines";
import { queryRows } from "../rows";
import { type FigureRow, figureColumns, isHidden, numberOrNull } from "./published-figure";
import type { AxisKind } from "../../../lib/vocabulary";
import type { HeatmapAxis, HeatmapCell, HeatmapPerson, ProfileAxis, TeamHeatmap, TeamProfile } from "../../shapes/team";

/**
 * A manager's view of published results for their whole reporting tree.
 *
 * Ownership lives in SQL: every query starts from `reportingTree(managerId)`,
 * a recursive walk down `people.manager_id` from the manager, and only
 * subjects found by that walk can appear in (or be asked for through) these
 * functions. Only stored, published figures are read: a hidden group brings
 * its count and nothing else. What they return is declared once, in
 * server/shapes/team.ts.
 */

/** The people below `managerId` at any depth, with their name, title,
 *  whether they are active, their manager's name and their depth (1 = direct
 *  report). The walk passes through deactivated people — their reports still
 *  sit below them until the org chart is updated — and callers keep active
 *  people only. `path` (names from the top down) orders rows as the chart
 *  reads: each manager followed by their own reports. The depth cap stops a
 *  malformed chart with a loop. */
function reportingTree(managerId: string): SQL {
  // Each row carries what the heatmap shows of the person and their manager
  // (the row above it), so that nothing joins the tree back to every person:
  // the planner cannot size a recursive tree and would hash all of them.
  return sql`tree(id, name, title, active, manager_name, depth, path) as (
      select p.id, p.name, p.title, p.active, root.name, 1, array[p.name || ' ' || p.id::text]
      from people p join people root on root.id = p.manager_id
      where p.manager_id = ${managerId}
      union all
      select p.id, p.name, p.title, p.active, tree.name, tree.depth + 1, tree.path || (p.name || ' ' || p.id::text)
      from tree join people p on p.manager_id = tree.id
      where tree.depth < 64
    )`;
}

/**
 * The heatmap of a manager's tree for one published cycle (by default the
 * most recent one with anyone of the tree in it). Throws
 * a not-found refusal for a cycle that is not published or has nobody of
 * the tree in it; answers with no cycle at all when nothing is published yet.
 */
export async function getTeamHeatmap(
  db: Db,
  { managerId, cycleId }: { managerId: string; cycleId?: string },
): Promise<TeamHeatmap> {
  const people = await queryRows<{
    id: string;
    name: string;
    title: string;
    depth: number;
    manager_name: string | null;
  }>(
    db,
    sql`with recursive ${reportingTree(managerId)}
        select id, name, title, depth, manager_name from tree where active order by path`,
  );
  // The active people of the tree, once; every later query looks their
  // figures up by key instead of joining the tree to every stored figure.
  const treeIds = `{${people.map((p) => p.id).join(",")}}`;
  const cycles = await queryRows<{ id: string; name: string; published_at: string | null; k: number }>(
    db,
    sql`select c.id, c.name, c.published_at::text as published_at, c.min_group_size as k
        from cycles c
        where c.status = 'published'
          and exists (select 1 from published_scores ps where ps.cycle_id = c.id and ps.subject_id = any(${treeIds}::uuid[]))
        order by c.published_at desc nulls last, c.closes_on desc, c.created_at desc`,
  );
  const options = cycles.map((c) => ({ id: c.id, name: c.name, publishedAt: c.published_at }));
  const chosen = cycleId === undefined ? cycles[0] : cycles.find((c) => c.id === cycleId);
  if (cycleId !== undefined && !chosen) throw new Refusal("not_found", "No such published cycle for your team.");

  if (!chosen) return { cycles: options, cycle: null, axes: [], people: people.map((p) => emptyPerson(p)) };
  const k = Number(chosen.k);

  const axes = await queryRows<HeatmapAxis>(
    db,
    sql`select co.id, co.key, co.name, co.kind::text as kind
        from competencies co join cycles c on c.model_id = co.model_id
        where c.id = ${chosen.id}
        order by (co.kind = 'visibility'), co.position`,
  );

  const scores = await queryRows<{
    subject_id: string;
    competency_id: string;
    group: "others" | "self" | "manager";
    n: number;
    suppressed: boolean;
    shrunk_mean: number | null;
  }>(
    db,
    sql`select ps.subject_id, ps.competency_id, ps."group"::text as "group", ps.n, ps.suppressed, ps.shrunk_mean
        from published_scores ps
        where ps.cycle_id = ${chosen.id}
          and ps."group" in ('others', 'self', 'manager')
          and ps.subject_id = any(${treeIds}::uuid[])`,
  );

  const byPerson = new Map<string, typeof scores>();
  for (const s of scores) byPerson.set(s.subject_id, [...(byPerson.get(s.subject_id) ?? []), s]);

  return {
    cycles: options,
    cycle: { id: chosen.id, name: chosen.name, publishedAt: chosen.published_at, minGroupSize: k },
    axes,
    people: people.map((p) => {
      const rows = byPerson.get(p.id) ?? [];
      const cells: Record<string, HeatmapCell> = {};
      const coverage = { anonymous: 0, self: 0, manager: 0 };
      for (const row of rows) {
        const n = Number(row.n);
        // A response that observed none of a competency's statements does not
        // count for it, so the most any axis has is the number of responses.
        if (row.group === "others") {
          coverage.anonymous = Math.max(coverage.anonymous, n);
          cells[row.competency_id] =
            row.suppressed || row.shrunk_mean === null
              ? { suppressed: true, n, k }
              : { suppressed: false, n, shrunkMean: Number(row.shrunk_mean) };
        } else {
          coverage[row.group] = Math.max(coverage[row.group], n);
        }
      }
      return { ...emptyPerson(p), inCycle: rows.length > 0, cells, coverage };
    }),
  };
}

function emptyPerson(p: {
  id: string;
  name: string;
  title: string;
  depth: number;
  manager_name: string | null;
}): HeatmapPerson {
  return {
    id: p.id,
    name: p.name,
    title: p.title,
    depth: Number(p.depth),
    managerName: p.manager_name,
    inCycle: false,
    cells: {},
    coverage: { anonymous: 0, self: 0, manager: 0 },
  };
}

/**
 * One report's published profile. `null` — and nothing else — when the
 * subject is not an active person in the manager's tree, the cycle is not
 * published, or the subject has no figures in it: the caller cannot tell
 * "no such person" from "not yours".
 */
export async function getTeamProfile(
  db: Db,
  { managerId, cycleId, subjectId }: { managerId: string; cycleId: string; subjectId: string },
): Promise<TeamProfile | null> {
  const rows = await queryRows<
    FigureRow & {
      subject_name: string;
      subject_title: string;
      manager_name: string | null;
      cycle_name: string;
      k: number;
      competency_id: string;
      key: string;
      axis_name: string;
      kind: AxisKind;
    }
  >(
    db,
    sql`with recursive ${reportingTree(managerId)}
        select s.name as subject_name, s.title as subject_title, m.name as manager_name,
               c.name as cycle_name, c.min_group_size as k,
               co.id as competency_id, co.key, co.name as axis_name, co.kind::text as kind,
               ${figureColumns("ps")}
        from published_scores ps
        join cycles c on c.id = ps.cycle_id and c.status = 'published'
        join people s on s.id = ps.subject_id and s.active
        left join people m on m.id = s.manager_id
        join competencies co on co.id = ps.competency_id
        where ps.cycle_id = ${cycleId}
          and ps.subject_id = ${subjectId}
          and ps.subject_id in (select id from tree)
          and ps."group" in ('others', 'self', 'manager')
        order by (co.kind = 'visibility'), co.position`,
  );
  const first = rows[0];
  if (!first) return null;

  const axes = new Map<string, ProfileAxis>();
  for (const row of rows) {
    const axis = axes.get(row.competency_id) ?? {
      id: row.competency_id,
      key: row.key,
      name: row.axis_name,
      kind: row.kind,
      others: { n: 0, suppressed: true, mean: null, ciLow: null, ciHigh: null, shrunkMean: null },
      self: null,
      manager: null,
    };
    if (row.group === "others") {
      axis.others = {
        n: Number(row.n),
        suppressed: row.suppressed,
        mean: row.suppressed ? null : numberOrNull(row.mean),
        ciLow: row.suppressed ? null : numberOrNull(row.ci_low),
        ciHigh: row.suppressed ? null : numberOrNull(row.ci_high),
        shrunkMean: row.suppressed ? null : numberOrNull(row.shrunk_mean),
      };
    } else if (!isHidden(row)) {
      const difference = numberOrNull(row.difference_from_others);
      if (row.group === "self")
        axis.self = { mean: Number(row.mean), differenceFromOthers: difference, agreement: row.agreement };
      else axis.manager = { mean: Number(row.mean), differenceFromOthers: difference };
    }
    axes.set(row.competency_id, axis);
  }
  return {
    subject: { id: subjectId, name: first.subject_name, title: first.subject_title, managerName: first.manager_name },
    cycle: { id: cycleId, name: first.cycle_name, minGroupSize: Number(first.k) },
    axes: [...axes.values()],
  };
}
