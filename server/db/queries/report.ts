import "server-only";
import { and, eq, lt, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Db } from "../engines";
import { competencies, cycles, publishedAxisMeans, publishedComments, publishedScores, questions } from "../schema";
import { figureColumns, listPublishedCyclesWith, reportFigureOf } from "./published-figure";
import type { PublishedReport, ReportAxis, ReportCommentGroup, TrendRow } from "../../shapes/published-report";

/**
 * "My report": what a published cycle says about the signed-in person. Reads
 * only stored, published figures (server/db/queries/publish/ made them
 * under the anonymity rules) and only the viewer's own rows: every query below
 * carries `subject_id = <viewer>` and `status = 'published'` in its WHERE clause.
 */

/** The viewer's report; its shape is declared once, in server/shapes/published-report.ts. */
export type MyReport = PublishedReport;

/** The viewer's published cycles (those with figures about them), newest first. */
function myPublishedCycles(db: Db, subjectId: string) {
  return listPublishedCyclesWith(
    db,
    db
      .select({ one: sql`1` })
      .from(publishedScores)
      .where(and(eq(publishedScores.cycleId, cycles.id), eq(publishedScores.subjectId, subjectId))),
  );
}

/**
 * The report of `subjectId` for one of their published cycles (their latest
 * when `cycleId` is not given), or null when there is none to show.
 */
export async function loadMyReport(
  db: Db,
  { subjectId, cycleId }: { subjectId: string; cycleId?: string },
): Promise<MyReport | null> {
  const mine = await myPublishedCycles(db, subjectId);
  const current = cycleId === undefined ? mine[0] : mine.find((c) => c.id === cycleId);
  if (!current) return null;
  // Every read below names the viewer and a published cycle in its WHERE clause.
  const ofViewer = (subjectOf: AnyPgColumn) => and(eq(subjectOf, subjectId), eq(cycles.status, "published"));

  const [scoreRows, commentRows, trendRows] = await Promise.all([
    db
      .select({
        key: competencies.key,
        kind: competencies.kind,
        position: competencies.position,
        name: competencies.name,
        description: competencies.description,
        orgMean: publishedAxisMeans.mean,
        distribution: publishedScores.distribution,
        ...figureColumns(publishedScores),
      })
      .from(publishedScores)
      .innerJoin(cycles, eq(cycles.id, publishedScores.cycleId))
      .innerJoin(competencies, eq(competencies.id, publishedScores.competencyId))
      .leftJoin(
        publishedAxisMeans,
        and(
          eq(publishedAxisMeans.cycleId, publishedScores.cycleId),
          eq(publishedAxisMeans.competencyId, publishedScores.competencyId),
        ),
      )
      .where(and(ofViewer(publishedScores.subjectId), eq(publishedScores.cycleId, current.id)))
      .orderBy(competencies.position),
    db
      .select({
        prompt: questions.prompt,
        position: questions.position,
        group: publishedComments.group,
        body: publishedComments.body,
      })
      .from(publishedComments)
      .innerJoin(cycles, eq(cycles.id, publishedComments.cycleId))
      .innerJoin(questions, eq(questions.id, publishedComments.questionId))
      .where(and(ofViewer(publishedComments.subjectId), eq(publishedComments.cycleId, current.id)))
      .orderBy(sql`random()`),
    db
      .select({
        cycleId: publishedScores.cycleId,
        key: competencies.key,
        name: competencies.name,
        n: publishedScores.n,
        suppressed: publishedScores.suppressed,
        mean: publishedScores.mean,
      })
      .from(publishedScores)
      .innerJoin(cycles, eq(cycles.id, publishedScores.cycleId))
      .innerJoin(competencies, eq(competencies.id, publishedScores.competencyId))
      .where(
        and(
          ofViewer(publishedScores.subjectId),
          eq(publishedScores.group, "others"),
          lt(cycles.publishedAt, current.publishedAt),
        ),
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
        position: row.position,
        orgMean: row.orgMean,
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
    // Comments are published for these three groups only.
    const group = row.group as ReportCommentGroup["group"];
    const key = `${row.position}|${row.prompt}|${group}`;
    const entry = commentGroups.get(key) ?? { question: row.prompt, group, position: row.position, bodies: [] };
    entry.bodies.push(row.body);
    commentGroups.set(key, entry);
  }
  const comments = [...commentGroups.values()]
    .sort((a, b) => a.position - b.position || groupOrder[a.group] - groupOrder[b.group])
    .map((g) => ({ question: g.question, group: g.group, bodies: g.bodies }));

  const earlier = mine.filter((c) => c.publishedAt < current.publishedAt).reverse();
  const trend: TrendRow[] = ordered.map((axis) => ({
    key: axis.key,
    name: axis.name,
    points: earlier.map((c) => {
      const row = trendRows.find((r) => r.cycleId === c.id && r.key === axis.key);
      if (!row) return { cycleId: c.id, figure: null };
      return {
        cycleId: c.id,
        figure:
          row.suppressed || row.mean === null
            ? { suppressed: true as const, n: row.n }
            : { suppressed: false as const, n: row.n, mean: row.mean },
      };
    }),
  }));

  const anonymousResponses = Math.max(0, ...ordered.map((a) => a.groups.others?.n ?? 0));

  return {
    cycle: current,
    cycles: mine,
    anonymousResponses,
    competencies: ordered.filter((a) => a.kind === "competency"),
    visibility: ordered.find((a) => a.kind === "visibility") ?? null,
    comments,
    trend: { cycles: earlier, rows: trend },
  };
}
