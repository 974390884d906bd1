import { QUADRANT_NAMES } from "@/server/domain/finder";
import type { Quadrant } from "@/lib/vocabulary";
import { formatMean } from "../team/scale";
import type { FinderPerson } from "./types";

/** A manager composite this far or more below the anonymous raters' is worth a panel's attention. */
export const MANAGER_GAP_THRESHOLD = 0.5;

/** "4.1 (3.8–4.4)": the figure and the 90 % interval of the answers, or the figure alone when one answer has no interval. */
export function scoreWithInterval(value: number, low: number | null, high: number | null): string {
  return low === null || high === null
    ? formatMean(value)
    : `${formatMean(value)} (${formatMean(low)}–${formatMean(high)})`;
}

export function competenceText(person: Pick<FinderPerson, "competence" | "competenceLow" | "competenceHigh">): string {
  return scoreWithInterval(person.competence, person.competenceLow, person.competenceHigh);
}

/** What a panel should notice about a shortlisted person, in words. */
export function signalsOf(person: Pick<FinderPerson, "managerGap" | "selfAgreement">): string[] {
  const signals: string[] = [];
  if (person.managerGap !== null && person.managerGap <= -MANAGER_GAP_THRESHOLD)
    signals.push("Rated lower by their manager than by peers");
  if (person.selfAgreement === "hidden_strength") signals.push("Under-estimates themself");
  return signals;
}

/** Quadrants in reading order: the shortlist's quadrant first. */
export const QUADRANTS: readonly Quadrant[] = [
  "quiet_influencer",
  "visible_leader",
  "visible_not_leading",
  "developing",
];

export const QUADRANT_HINTS: Record<Quadrant, string> = {
  quiet_influencer: "high competence, low visibility: the shortlist",
  visible_leader: "high competence, high visibility",
  visible_not_leading: "high visibility, competence at or below the median",
  developing: "at or below the median on both",
};

/**
 * How each quadrant is drawn: Okabe–Ito colours (told apart by colour-blind
 * readers), each with its own shape so that colour is never the only cue, and
 * each at least 3:1 against white.
 */
export const QUADRANT_MARKS: Record<
  Quadrant,
  { colour: string; shape: "star" | "circle" | "triangle" | "square"; hollow: boolean }
> = {
  quiet_influencer: { colour: "#c24f00", shape: "star", hollow: false },
  visible_leader: { colour: "#0072b2", shape: "circle", hollow: false },
  visible_not_leading: { colour: "#8a3f7a", shape: "triangle", hollow: true },
  developing: { colour: "#5f6b7a", shape: "square", hollow: true },
};

export { QUADRANT_NAMES, formatMean };
export type { Quadrant };
