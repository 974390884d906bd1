import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "../engines";
import { queryRows } from "../rows";
import { type FigureRow, figureColumns, numberOrNull as num, reportFigureOf } from "./published-figure";
import type { AxisKind } from "../../../lib/vocabulary";
import type { PublishedReport, ReportAxis, ReportCommentGroup, TrendRow } from "../../shapes/published-report";

/**
 * "My report": what a published cycle says about the signed-in person. Reads
 * only stored, published figures (server/db/queries/publish/ made them
 * under the anonymity rules) and only the viewer's own rows: every query below
 * carries `subject_id = <viewer>` and `status = 'published'` in its WHERE clause.
 */

/** The viewer's report; its shape is declared once, in server/shapes/published-report.ts. */
export type MyReport = PublishedReport;

type CycleRow = { id: string; name: string; published_at: Date | string; min_group_size: number };

const asDate = (value: Date | string) => (value instanceof Date ? value : new Date(value));

/** The viewer's published cycles (those with figures about them), newest first. */
async function myPublishedCycles(db: Db, subjectId: string): Promise<CycleRow[]> {
  return queryRows<CycleRow>(
    db,
    sql`select c.id, c.name, c.published_at, c.min_group_size
        from cycles c
        where c.status = 'published' and c.published_at is not null
          and exists (select 1 from published_scores ps where ps.cycle_id = c.id and ps.subject_id = ${subjectId})
        order by c.published_at desc, c.name`,
  );
}

type ScoreRow = FigureRow & {
  key: string;
  kind: AxisKind;
  position: number;
  name: string;
  description: string;
  org_mean: number | null;
  distribution: number[] | null;
};

/**
 * The report of `subjectId` for one of their published cycles (their latest
 * when `cycleId` is not given), or null when there is none to show.
 */
export async function loadMyReport(
  db: Db,
  { subjectId, cycleId }: { subjectId: string; cycleId?: string },
): Promise<MyReport | null> {
  const cycleRows = await myPublishedCycles(db, subjectId);
  const chosen = cycleId === undefined ? cycleRows[0] : cycleRows.find((c) => c.id === cycleId);
  if (!chosen) return null;
  const cycles = cycleRows.map((c) => ({
    id: c.id,
    name: c.name,
    publishedAt: asDate(c.published_at),
    minGroupSize: Number(c.min_group_size),
  }));
  const current = cycles.find((c) => c.id === chosen.id)!;

  const [scoreRows, commentRows, trendRows] = await Promise.all([
    queryRows<ScoreRow>(
      db,
      sql`select comp.key, comp.kind::text as kind, comp.position, comp.name, comp.description, org.mean as org_mean,
                 ps.distribution, ${figureColumns("ps")}
          from published_scores ps
          join cycles cy on cy.id = ps.cycle_id
          join competencies comp on comp.id = ps.competency_id
          left join published_axis_means org on org.cycle_id = ps.cycle_id and org.competency_id = ps.competency_id
          where ps.subject_id = ${subjectId} and ps.cycle_id = ${chosen.id} and cy.status = 'published'
          order by comp.position`,
    ),
    queryRows<{ prompt: string; position: number; group: "self" | "manager" | "others"; body: string }>(
      db,
      sql`select q.prompt, q.position, pc."group"::text as "group", pc.body
          from published_comments pc
          join cycles cy on cy.id = pc.cycle_id
          join questions q on q.id = pc.question_id
          where pc.subject_id = ${subjectId} and pc.cycle_id = ${chosen.id} and cy.status = 'published'
          order by random()`,
    ),
    queryRows<{ cycle_id: string; key: string; name: string; n: number; suppressed: boolean; mean: number | null }>(
      db,
      sql`select ps.cycle_id, comp.key, comp.name, ps.n, ps.suppressed, ps.mean
          from published_scores ps
          join cycles cy on cy.id = ps.cycle_id
          join competencies comp on comp.id = ps.competency_id
          where ps.subject_id = ${subjectId} and ps."group" = 'others' and cy.status = 'published'
            and cy.published_at < ${current.publishedAt.toISOString()}::timestamptz`,
    ),
  ]);

  const axes = new Map<string, ReportAxis & { position: number }>();
  for (const row of scoreRows) {
    let axis = axes.get(row.key);
    if (!axis) {
      axis = {
        key: row.key,
        kind: row.kind,
        name: row.name,
        description: row.description,
        position: Number(row.position),
        orgMean: num(row.org_mean),
        groups: { self: null, manager: null, others: null, peer: null, direct_report: null },
      };
      axes.set(row.key, axis);
    }
    axis.groups[row.group] = reportFigureOf(row);
  }
  const ordered: ReportAxis[] = [...axes.values()]
    .sort((a, b) => a.position - b.position)
    .map((a) => ({
      key: a.key,
      kind: a.kind,
      name: a.name,
      description: a.description,
      orgMean: a.orgMean,
      groups: a.groups,
    }));

  // Grouped by question and rater group; within a group, the random order the database drew.
  const commentGroups = new Map<string, ReportCommentGroup & { position: number }>();
  const groupOrder = { others: 0, manager: 1, self: 2 } as const;
  for (const row of commentRows) {
    const key = `${row.position}|${row.prompt}|${row.group}`;
    const entry = commentGroups.get(key) ?? {
      question: row.prompt,
      group: row.group,
      position: Number(row.position),
      bodies: [],
    };
    entry.bodies.push(row.body);
    commentGroups.set(key, entry);
  }
  const comments = [...commentGroups.values()]
    .sort((a, b) => a.position - b.position || groupOrder[a.group] - groupOrder[b.group])
    .map((g) => ({ question: g.question, group: g.group, bodies: g.bodies }));

  const earlier = cycles.filter((c) => c.publishedAt < current.publishedAt).reverse();
  const trend: TrendRow[] = ordered.map((axis) => ({
    key: axis.key,
    name: axis.name,
    points: earlier.map((c) => {
      const row = trendRows.find((r) => r.cycle_id === c.id && r.key === axis.key);
      if (!row) return { cycleId: c.id, figure: null };
      return {
        cycleId: c.id,
        figure:
          row.suppressed || row.mean === null
            ? { suppressed: true as const, n: Number(row.n) }
            : { suppressed: false as const, n: Number(row.n), mean: Number(row.mean) },
      };
    }),
  }));

  const anonymousResponses = Math.max(0, ...ordered.map((a) => a.groups.others?.n ?? 0));

  return {
    cycle: current,
    cycles,
    anonymousResponses,
    competencies: ordered.filter((a) => a.kind === "competency"),
    visibility: ordered.find((a) => a.kind === "visibility") ?? null,
    comments,
    trend: { cycles: earlier, rows: trend },
  };
}
