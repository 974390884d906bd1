/**
 * How well a shortlist recovers the planted quiet influencers of a simulated
 * organisation, as plain functions (DESIGN.md, "Fair comparisons"): every
 * ranking is cut to the same length, recall is the share of the planted
 * people it holds, precision the share of it that is planted, and "below
 * median" the share of it whose true competence is below the population's
 * median — people a promotion panel should not have been shown.
 */
import { median } from "../domain/finder";

/** What the simulator knows about one subject and the application does not. */
export interface SubjectTruth {
  planted: boolean;
  trueComposite: number;
}

export interface PopulationTruth {
  size: number;
  planted: number;
  /** Median true composite of the population; null for an empty one. */
  medianTrueComposite: number | null;
}

export interface ListScore {
  length: number;
  /** Planted quiet influencers on the list. */
  found: number;
  /** found / planted in the population; null when nobody was planted. */
  recall: number | null;
  /** found / length; null for an empty list. */
  precision: number | null;
  /** Share of the list below the population's median true composite; null for an empty list. */
  belowMedian: number | null;
}

/** A ratio that is undefined, not zero, when there is nothing to divide by. */
export function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

export function summarisePopulation(truths: Iterable<SubjectTruth>): PopulationTruth {
  const composites: number[] = [];
  let planted = 0;
  for (const truth of truths) {
    composites.push(truth.trueComposite);
    if (truth.planted) planted++;
  }
  return { size: composites.length, planted, medianTrueComposite: median(composites) };
}

/**
 * Every ranking's shortlist holds the same number of people: the requested
 * share of the population, rounded, but never more than the finder offers
 * (its quiet-influencer quadrant), so that no list is longer than another.
 */
export function shortlistLength(populationSize: number, shortlistShare: number, finderAvailable: number): number {
  return Math.max(0, Math.min(Math.round(shortlistShare * populationSize), finderAvailable));
}

export function scoreShortlist(
  list: readonly string[],
  truthOf: ReadonlyMap<string, SubjectTruth>,
  population: PopulationTruth,
): ListScore {
  let found = 0;
  let below = 0;
  for (const id of list) {
    const truth = truthOf.get(id);
    if (!truth) throw new Error(`subject ${id} is on a shortlist but not in the population`);
    if (truth.planted) found++;
    if (population.medianTrueComposite !== null && truth.trueComposite < population.medianTrueComposite) below++;
  }
  return {
    length: list.length,
    found,
    recall: ratio(found, population.planted),
    precision: ratio(found, list.length),
    belowMedian: ratio(below, list.length),
  };
}

export interface ScoredSubject {
  id: string;
  /** Higher ranks first; null (no score) ranks after every score. */
  score: number | null;
  /** Breaks ties, lower first: a key that stays the same from run to run. */
  tiebreak: number;
}

/** Ids from the highest score down; subjects without a score last; ties by `tiebreak`. */
export function rankByScore(subjects: readonly ScoredSubject[]): string[] {
  const byScore = (a: ScoredSubject, b: ScoredSubject) => {
    if (a.score === b.score) return 0;
    if (a.score === null) return 1;
    if (b.score === null) return -1;
    return b.score - a.score;
  };
  return [...subjects].sort((a, b) => byScore(a, b) || a.tiebreak - b.tiebreak).map((subject) => subject.id);
}
