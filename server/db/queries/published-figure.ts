import "server-only";
import type { CompositeFigure, ReportFigure } from "../../shapes/published-report";
import { and, desc, eq, exists, isNotNull, type SQLWrapper } from "drizzle-orm";
import type { Db } from "../engines";
import { cycles, type publishedComposites, type publishedScores } from "../schema";

/**
 * One stored figure of published_scores or published_composites, as every
 * reader selects it (`figureColumns`): the columns and their reading into
 * the published shapes are declared here once.
 */
export function figureColumns(t: typeof publishedScores | typeof publishedComposites) {
  return {
    group: t.group,
    n: t.n,
    suppressed: t.suppressed,
    mean: t.mean,
    ciLow: t.ciLow,
    ciHigh: t.ciHigh,
    shrunkMean: t.shrunkMean,
    differenceFromOthers: t.differenceFromOthers,
    agreement: t.agreement,
  };
}

export type FigureRow = Pick<
  typeof publishedScores.$inferSelect,
  "group" | "n" | "suppressed" | "mean" | "ciLow" | "ciHigh" | "shrunkMean" | "differenceFromOthers" | "agreement"
>;

export function compositeFigureOf(row: FigureRow): CompositeFigure {
  // A hidden figure keeps its count only.
  if (row.suppressed || row.mean === null) return { suppressed: true, n: row.n };
  return {
    suppressed: false,
    n: row.n,
    mean: row.mean,
    ciLow: row.ciLow,
    ciHigh: row.ciHigh,
    shrunkMean: row.shrunkMean,
    differenceFromOthers: row.differenceFromOthers,
    agreement: row.agreement,
  };
}

/** A competency's figure with its distribution; each group keeps only what is meant for it. */
export function reportFigureOf(row: FigureRow & { distribution: number[] | null }): ReportFigure {
  const figure = compositeFigureOf(row);
  if (figure.suppressed) return figure;
  const { group } = row;
  return {
    ...figure,
    distribution: row.distribution ?? [],
    shrunkMean: group === "others" ? figure.shrunkMean : null,
    agreement: group === "self" ? figure.agreement : null,
    differenceFromOthers: group === "self" || group === "manager" ? figure.differenceFromOthers : null,
  };
}

/**
 * Published cycles that hold some figures (`figures`, an EXISTS subquery
 * over a figure table correlated on `cycles.id`), newest first: the cycles a
 * reader of those figures can choose from.
 */
export async function listPublishedCyclesWith(db: Db, figures: SQLWrapper) {
  const rows = await db
    .select({
      id: cycles.id,
      name: cycles.name,
      publishedAt: cycles.publishedAt,
      minGroupSize: cycles.minGroupSize,
    })
    .from(cycles)
    .where(and(eq(cycles.status, "published"), isNotNull(cycles.publishedAt), exists(figures)))
    .orderBy(desc(cycles.publishedAt), cycles.name);
  // Never null: the WHERE clause says so, which the select's type cannot know.
  return rows.map((c) => ({ ...c, publishedAt: c.publishedAt! }));
}
