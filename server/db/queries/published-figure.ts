import "server-only";
import { type SQL, sql } from "drizzle-orm";
import type { CompositeFigure, ReportFigure } from "../../shapes/published-report";
import type { Agreement, ScoreGroup } from "../../../lib/vocabulary";

/**
 * One stored figure of published_scores or published_composites, as every
 * reader selects it (`figureColumns`): the row type and its reading into the
 * published shapes are declared here once.
 */
export type FigureRow = {
  group: ScoreGroup;
  n: number;
  suppressed: boolean;
  mean: number | null;
  ci_low: number | null;
  ci_high: number | null;
  shrunk_mean: number | null;
  difference_from_others: number | null;
  agreement: Agreement | null;
};

/** The figure columns of the table aliased `alias` (published_scores or published_composites). */
export function figureColumns(alias: string): SQL {
  const t = sql.identifier(alias);
  return sql`${t}."group"::text as "group", ${t}.n, ${t}.suppressed, ${t}.mean, ${t}.ci_low, ${t}.ci_high,
             ${t}.shrunk_mean, ${t}.difference_from_others, ${t}.agreement::text as agreement`;
}

// Numeric columns arrive as strings from postgres.js and as numbers from PGlite.
export const numberOrNull = (value: unknown) => (value === null || value === undefined ? null : Number(value));

/** A hidden figure keeps its count only. */
export function isHidden(row: FigureRow): boolean {
  return row.suppressed || row.mean === null;
}

export function compositeFigureOf(row: FigureRow): CompositeFigure {
  if (isHidden(row)) return { suppressed: true, n: Number(row.n) };
  return {
    suppressed: false,
    n: Number(row.n),
    mean: Number(row.mean),
    ciLow: numberOrNull(row.ci_low),
    ciHigh: numberOrNull(row.ci_high),
    shrunkMean: numberOrNull(row.shrunk_mean),
    differenceFromOthers: numberOrNull(row.difference_from_others),
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
    distribution: (row.distribution ?? []).map(Number),
    shrunkMean: group === "others" ? figure.shrunkMean : null,
    agreement: group === "self" ? figure.agreement : null,
    differenceFromOthers: group === "self" || group === "manager" ? figure.differenceFromOthers : null,
  };
}
