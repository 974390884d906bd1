/**
 * How a published figure is written out: scores, intervals, why a group is
 * hidden, the publish date.
 */
import type { ReportFigure } from "./types";

export type Shown = Extract<ReportFigure, { suppressed: false }>;

export function formatScore(value: number): string {
  return value.toFixed(1);
}

export const shown = (figure: ReportFigure | null): Shown | null => (figure && !figure.suppressed ? figure : null);

/** Why an anonymous figure is not on the page, in words. */
export function hiddenReason(n: number, k: number): string {
  if (n === 0) return "no responses — nothing to show";
  return `${n} of ${k} needed responses — hidden to protect anonymity`;
}

export function publishedOn(date: Date): string {
  return date.toLocaleDateString("en-GB", { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" });
}

export function interval(figure: Shown): string {
  return figure.ciLow !== null && figure.ciHigh !== null
    ? `${formatScore(figure.ciLow)}–${formatScore(figure.ciHigh)}`
    : "too few answers for a range";
}
