import "server-only";
import { and, desc, eq, exists, inArray, sql, type SQL } from "drizzle-orm";
import { alias, type AnyPgColumn } from "drizzle-orm/pg-core";
import { Refusal } from "../../domain/refusal";
import type { Db } from "../engines";
import { queryRows } from "../rows";
import { competencies, cycles, people, publishedScores } from "../schema";
import { listCycleAxes } from "./axes";
import { figureColumns } from "./published-figure";
import type { HeatmapCell, HeatmapPerson, ProfileAxis, TeamHeatmap, TeamProfile } from "../../shapes/team";

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

/** Whether `subjectId` is someone of the manager's tree: the walk as a subquery, for a WHERE clause. */
function inReportingTree(subjectId: AnyPgColumn, managerId: string): SQL {
  return sql`${subjectId} in (with recursive ${reportingTree(managerId)} select id from tree)`;
}

/** A row of the tree as the heatmap shows it. */
type TreePerson = Pick<HeatmapPerson, "id" | "name" | "title" | "depth" | "managerName">;

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
  // The walk itself, in chart order: a recursive query, kept as SQL.
  const tree = await queryRows<TreePerson>(
    db,
    sql`with recursive ${reportingTree(managerId)}
        select id, name, title, depth, manager_name as "managerName" from tree where active order by path`,
  );
  // The active people of the tree, once; every later query looks their
  // figures up by key instead of joining the tree to every stored figure.
  const treeIds = `{${tree.map((p) => p.id).join(",")}}`;
  const inTree = sql`${publishedScores.subjectId} = any(${treeIds}::uuid[])`;
  const published = await db
    .select({
      id: cycles.id,
      name: cycles.name,
      // As PostgreSQL writes it in text: what the page shows and sends back.
      publishedAt: sql<string | null>`${cycles.publishedAt}::text`,
      k: cycles.minGroupSize,
    })
    .from(cycles)
    .where(
      and(
        eq(cycles.status, "published"),
        exists(
          db
            .select({ one: sql`1` })
            .from(publishedScores)
            .where(and(eq(publishedScores.cycleId, cycles.id), inTree)),
        ),
      ),
    )
    .orderBy(sql`${cycles.publishedAt} desc nulls last`, desc(cycles.closesOn), desc(cycles.createdAt));
  const options = published.map((c) => ({ id: c.id, name: c.name, publishedAt: c.publishedAt }));
  const chosen = cycleId === undefined ? published[0] : published.find((c) => c.id === cycleId);
  if (cycleId !== undefined && !chosen) throw new Refusal("not_found", "No such published cycle for your team.");

  if (!chosen) return { cycles: options, cycle: null, axes: [], people: tree.map((p) => emptyPerson(p)) };
  const { k } = chosen;

  const axes = await listCycleAxes(db, chosen.id);

  const scores = await db
    .select({
      subjectId: publishedScores.subjectId,
      competencyId: publishedScores.competencyId,
      group: publishedScores.group,
      n: publishedScores.n,
      suppressed: publishedScores.suppressed,
      shrunkMean: publishedScores.shrunkMean,
    })
    .from(publishedScores)
    .where(
      and(
        eq(publishedScores.cycleId, chosen.id),
        inArray(publishedScores.group, ["others", "self", "manager"]),
        inTree,
      ),
    );

  const byPerson = new Map<string, typeof scores>();
  for (const s of scores) byPerson.set(s.subjectId, [...(byPerson.get(s.subjectId) ?? []), s]);

  return {
    cycles: options,
    cycle: { id: chosen.id, name: chosen.name, publishedAt: chosen.publishedAt, minGroupSize: k },
    axes,
    people: tree.map((p) => {
      const rows = byPerson.get(p.id) ?? [];
      const cells: Record<string, HeatmapCell> = {};
      const coverage = { anonymous: 0, self: 0, manager: 0 };
      for (const { group, n, suppressed, shrunkMean, competencyId } of rows) {
        // A response that observed none of a competency's statements does not
        // count for it, so the most any axis has is the number of responses.
        if (group === "others") {
          coverage.anonymous = Math.max(coverage.anonymous, n);
          cells[competencyId] =
            suppressed || shrunkMean === null ? { suppressed: true, n, k } : { suppressed: false, n, shrunkMean };
        } else if (group === "self" || group === "manager") {
          coverage[group] = Math.max(coverage[group], n);
        }
      }
      return { ...emptyPerson(p), inCycle: rows.length > 0, cells, coverage };
    }),
  };
}

function emptyPerson({ id, name, title, depth, managerName }: TreePerson): HeatmapPerson {
  return {
    id,
    name,
    title,
    depth,
    managerName,
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
  const subject = alias(people, "s");
  const manager = alias(people, "m");
  const rows = await db
    .select({
      subjectName: subject.name,
      subjectTitle: subject.title,
      managerName: manager.name,
      cycleName: cycles.name,
      k: cycles.minGroupSize,
      competencyId: competencies.id,
      key: competencies.key,
      axisName: competencies.name,
      kind: competencies.kind,
      ...figureColumns(publishedScores),
    })
    .from(publishedScores)
    .innerJoin(cycles, and(eq(cycles.id, publishedScores.cycleId), eq(cycles.status, "published")))
    .innerJoin(subject, and(eq(subject.id, publishedScores.subjectId), eq(subject.active, true)))
    .leftJoin(manager, eq(manager.id, subject.managerId))
    .innerJoin(competencies, eq(competencies.id, publishedScores.competencyId))
    .where(
      and(
        eq(publishedScores.cycleId, cycleId),
        eq(publishedScores.subjectId, subjectId),
        inReportingTree(publishedScores.subjectId, managerId),
        inArray(publishedScores.group, ["others", "self", "manager"]),
      ),
    )
    .orderBy(sql`${competencies.kind} = 'visibility'`, competencies.position);
  const first = rows[0];
  if (!first) return null;

  const axes = new Map<string, ProfileAxis>();
  for (const row of rows) {
    const axis = axes.get(row.competencyId) ?? {
      id: row.competencyId,
      key: row.key,
      name: row.axisName,
      kind: row.kind,
      others: { n: 0, suppressed: true, mean: null, ciLow: null, ciHigh: null, shrunkMean: null },
      self: null,
      manager: null,
    };
    if (row.group === "others") {
      axis.others = {
        n: row.n,
        suppressed: row.suppressed,
        mean: row.suppressed ? null : row.mean,
        ciLow: row.suppressed ? null : row.ciLow,
        ciHigh: row.suppressed ? null : row.ciHigh,
        shrunkMean: row.suppressed ? null : row.shrunkMean,
      };
    } else if (!row.suppressed && row.mean !== null) {
      // A hidden self or manager figure is left out altogether.
      const difference = row.differenceFromOthers;
      if (row.group === "self")
        axis.self = { mean: row.mean, differenceFromOthers: difference, agreement: row.agreement };
      else axis.manager = { mean: row.mean, differenceFromOthers: difference };
    }
    axes.set(row.competencyId, axis);
  }
  return {
    subject: { id: subjectId, name: first.subjectName, title: first.subjectTitle, managerName: first.managerName },
    cycle: { id: cycleId, name: first.cycleName, minGroupSize: first.k },
    axes: [...axes.values()],
  };
}
