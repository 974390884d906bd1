/**
 * How simulated raters answer: each source's leniency, halo and noise,
 * turned into 1–5 answers and "not observed".
 */
import { type AxisKey, type AxisSeed, type CompetencyKey } from "../domain/competency-model";
import { createRng, deriveSeed } from "../domain/random";
import { writeComments } from "./comments";
import { type LikertAnswer, type SimOrganisation, type SimPerson } from "./organisation";
import type { Relationship } from "../../lib/vocabulary";

// ---------------------------------------------------------------------------
// Answers
// ---------------------------------------------------------------------------

/**
 * How each source perceives a subject. A rater r of source k sees competency c
 * of subject s on the latent scale as
 *
 *   y = mean_k + leniency_r + loading_k · T_c(s) + bias_k(s) + idio_rs + comp_rsc   (+ halo_M · V(s) for managers)
 *
 * and each statement adds its own noise before the cut into 1..5:
 *
 *   bias_k(s)   shared by every rater of source k about s (what that vantage
 *               point sees that others do not); for "self" it is the
 *               subject's own self-view.
 *   idio_rs     this rater's general impression of this subject.
 *   comp_rsc    their impression of this one competency.
 *
 * Variance algebra, on the overall score (mean of the 18 competency
 * statements). With g = .6 the true composite has Var T̄ ≈ g + (1−g)/5 ≈ .68;
 * leniency contributes .35² ≈ .12, the per-competency impression
 * .5² × Σw² ≈ .05 (w = a competency's share of the statements) and the
 * statement noise .8² / 18 ≈ .04. Writing every source's total variance as 1,
 * the meta-analytic targets fix:
 *
 *   between sources k ≠ m:  r = s_k · s_m  with  s_k² = loading_k² · Var T̄
 *     r(M,P) = .34 with r(R,M) = r(R,P) = .22 give s_M = s_P ≈ .58 and s_R ≈ .38;
 *     the three self correlations (.22, .19, .14) are best fitted by s_S ≈ .35.
 *     So loading_M = loading_P ≈ .58 / √.68 ≈ .71, loading_R ≈ .46, loading_S ≈ .42.
 *   within source k:        r = s_k² + b_k²  (b_k² = what raters of k share beyond the truth)
 *     managers .50 − .34 = .16 = halo .3² (Var V ≈ 1) + bias .265²,
 *     peers    .37 − .34 = .03 = bias .173²,
 *     reports  .30 − .14 = .16 = bias .397².
 *     That peers barely share a bias is what the published figures say: two
 *     peers agree hardly more than a peer and a manager do.
 *   whatever is left of 1 is rater-specific, and sets the idiosyncratic SD:
 *     managers .50 − .12 − .05 − .04 = .29 → .539;  peers .63 − .21 = .42 → .648;
 *     reports .70 − .21 = .49 → .70;  self .88 − .21 ≈ .67, mostly self-view .78².
 *   self-leniency: d = .3 on a unit-variance scale is a mean shift of .3.
 *
 * Measured (10 seeds × 2500 people), that algebra landed within .02 of every
 * target except report–manager, report–peer and self–report, about .02–.035
 * low: cutting into five categories attenuates. Raising loading_R .46 → .50
 * and loading_S .42 → .44, and lowering selfVisibilityBias .15 → .1 (it adds
 * selfVisibilityBias × managerHalo to the self–manager covariance), brought
 * every figure's mean over 17 seeds × 3000 people within ±.025 of its target,
 * with a seed-to-seed SD of .01–.03.
 */
interface SourceParameters {
  /** Mean shift of the latent rating. */
  mean: number;
  loading: number;
  sharedBiasSd: number;
  idiosyncraticSd: number;
  visibilityLoading: number;
  visibilityBiasSd: number;
}

export const SOURCE_PARAMETERS: Readonly<Record<Relationship, Readonly<SourceParameters>>> = {
  manager: {
    mean: 0,
    loading: 0.707,
    sharedBiasSd: 0.265,
    idiosyncraticSd: 0.539,
    visibilityLoading: 0.8,
    visibilityBiasSd: 0.3,
  },
  peer: {
    mean: 0.05,
    loading: 0.707,
    sharedBiasSd: 0.173,
    idiosyncraticSd: 0.648,
    visibilityLoading: 0.8,
    visibilityBiasSd: 0.2,
  },
  direct_report: {
    mean: 0.05,
    loading: 0.5,
    sharedBiasSd: 0.397,
    idiosyncraticSd: 0.7,
    visibilityLoading: 0.6,
    visibilityBiasSd: 0.35,
  },
  // For self, sharedBiasSd is the spread of self-views; the idiosyncratic part is the day-to-day wobble.
  self: {
    mean: 0,
    loading: 0.44,
    sharedBiasSd: 0.78,
    idiosyncraticSd: 0.3,
    visibilityLoading: 0.6,
    visibilityBiasSd: 0.4,
  },
};

/** Per rater × subject × competency. */
const COMPETENCY_NOISE_SD = 0.5;
/** Per statement answer. */
const STATEMENT_NOISE_SD = 0.8;
/** Share of the rater×subject impression that carries over from cycle to cycle. */
const STABLE_IMPRESSION_SHARE = 0.7;
/**
 * Cut points of the latent scale into 1..5. Real 360 answers crowd at 4:
 * roughly 3 %, 9 %, 23 %, 40 %, 25 % for a manager's answer.
 */
const LIKERT_CUTS = [-2.6, -1.65, -0.55, 0.95];
/** Base "not observed" rates; peers and direct reports use settings.notObservedRate. */
const MANAGER_NOT_OBSERVED = 0.03;
/** Peers outside the subject's immediate team see less of them. */
const OTHER_TEAM_NOT_OBSERVED_FACTOR = 1.5;

export type SimulatedRatings = Record<string, LikertAnswer | null>;

export interface SimulatedComment {
  axisKey: AxisKey | null;
  text: string;
}

export interface SimulatedAnswers {
  /** By statement key; null means "not observed". */
  ratings: SimulatedRatings;
  comments: SimulatedComment[];
}

export interface SimulateAnswersInput {
  org: SimOrganisation;
  subjectIndex: number;
  /**
   * Need not match the org chart: evaluations may ask a hypothetical second
   * manager (for example the skip-level) to rate as a manager would.
   */
  raterIndex: number;
  relationship: Relationship;
  axes: readonly AxisSeed[];
  cycleKey: string | number;
}

export function simulateAnswers(input: SimulateAnswersInput): SimulatedAnswers {
  const { org, subjectIndex, raterIndex, relationship, axes, cycleKey } = input;
  const subject = org.people[subjectIndex];
  const rater = org.people[raterIndex];
  if (!subject || !rater) throw new RangeError(`no person ${subject ? raterIndex : subjectIndex} in this organisation`);
  if ((relationship === "self") !== (subjectIndex === raterIndex)) {
    throw new RangeError("a self-rating needs rater = subject, and only a self-rating may have it");
  }
  const settings = org.settings;
  const source = SOURCE_PARAMETERS[relationship];
  const noise = settings.raterNoise * rater.rater.noiseScale;

  // Stable across cycles: what this vantage point and this rater make of the subject.
  const sourceRng = createRng(deriveSeed(settings.seed, "source-view", subjectIndex, relationship));
  const sharedBias = sourceRng.normal(0, source.sharedBiasSd);
  const sharedVisibilityBias = sourceRng.normal(0, source.visibilityBiasSd);
  const impressionRng = createRng(deriveSeed(settings.seed, "impression", subjectIndex, raterIndex, relationship));
  const stableImpression = impressionRng.normal();
  // This cycle only.
  const rng = createRng(deriveSeed(settings.seed, "answers", cycleKey, subjectIndex, raterIndex, relationship));
  const impression =
    source.idiosyncraticSd *
    noise *
    (Math.sqrt(STABLE_IMPRESSION_SHARE) * stableImpression + Math.sqrt(1 - STABLE_IMPRESSION_SHARE) * rng.normal());

  const visibility = subject.trueVisibility;
  const neutral = source.mean + rater.rater.leniency + (relationship === "self" ? settings.selfLeniency : 0);
  const competenceBase =
    neutral +
    sharedBias +
    impression +
    (relationship === "manager" ? settings.managerHalo * visibility : 0) +
    (relationship === "self" ? settings.selfVisibilityBias * visibility : 0);
  // Leniency is a tendency to agree with praise; the visibility statements are not praise, so it counts half.
  const visibilityBase =
    source.mean + 0.5 * rater.rater.leniency + sharedVisibilityBias + source.visibilityLoading * visibility;

  const notObservedBase = notObservedRate(org, subject, rater, relationship);
  const ratings: SimulatedRatings = {};
  const perceived: { axisKey: AxisKey; relative: number }[] = [];
  for (const axis of axes) {
    const axisNoise = rng.normal(0, COMPETENCY_NOISE_SD * noise);
    const latent =
      axis.kind === "visibility"
        ? visibilityBase + axisNoise
        : competenceBase + source.loading * subject.trueCompetence[axis.key as CompetencyKey] + axisNoise;
    perceived.push({ axisKey: axis.key, relative: latent - neutral });
    for (const statement of axis.statements) {
      // Always draw both numbers, so one statement's fate never shifts another's.
      const unobserved = rng.next() < notObservedBase * statementObservabilityFactor(statement.key);
      const agreement = toLikert(latent + rng.normal(0, STATEMENT_NOISE_SD * noise));
      ratings[statement.key] = unobserved ? null : statement.reverseScored ? flip(agreement) : agreement;
    }
  }

  return { ratings, comments: writeComments(relationship, rater.rater, perceived, rng) };
}

export function notObservedRate(
  org: SimOrganisation,
  subject: SimPerson,
  rater: SimPerson,
  relationship: Relationship,
): number {
  switch (relationship) {
    case "self":
      return 0;
    case "manager":
      return MANAGER_NOT_OBSERVED;
    case "direct_report":
      return org.settings.notObservedRate;
    case "peer":
      return subject.managerIndex !== null && rater.managerIndex === subject.managerIndex
        ? org.settings.notObservedRate
        : org.settings.notObservedRate * OTHER_TEAM_NOT_OBSERVED_FACTOR;
  }
}

/** Some behaviours are seen less often than others; a stable factor in [0.4, 1.6) per statement key, mean 1. */
function statementObservabilityFactor(statementKey: string): number {
  let factor = observabilityByStatement.get(statementKey);
  if (factor === undefined) {
    factor = 0.4 + 1.2 * createRng(deriveSeed("observability", statementKey)).next();
    observabilityByStatement.set(statementKey, factor);
  }
  return factor;
}

/** A pure function's memo: the same key always yields the same factor, so caching changes nothing but speed. */
const observabilityByStatement = new Map<string, number>();

function toLikert(latent: number): LikertAnswer {
  let answer = 1;
  for (const cut of LIKERT_CUTS) if (latent > cut) answer++;
  return answer as LikertAnswer;
}

function flip(answer: LikertAnswer): LikertAnswer {
  return (6 - answer) as LikertAnswer;
}

// --- Scores --------------------------------------------------------------------

/** An answer as it counts towards the score: reverse-scored statements flipped back. */
function scoredValue(answer: LikertAnswer, reverseScored: boolean): number {
  return reverseScored ? 6 - answer : answer;
}

/** Mean of the observed statements per axis (reverse-scored flipped); axes with nothing observed are absent. */
export function axisScores(ratings: SimulatedRatings, axes: readonly AxisSeed[]): Partial<Record<AxisKey, number>> {
  const scores: Partial<Record<AxisKey, number>> = {};
  for (const axis of axes) {
    let sum = 0;
    let count = 0;
    for (const statement of axis.statements) {
      const answer = ratings[statement.key];
      if (answer === null || answer === undefined) continue;
      sum += scoredValue(answer, statement.reverseScored);
      count++;
    }
    if (count > 0) scores[axis.key] = sum / count;
  }
  return scores;
}

/** Overall score of one response: the mean of all observed competency statements (visibility excluded), or null. */
export function compositeScore(ratings: SimulatedRatings, axes: readonly AxisSeed[]): number | null {
  let sum = 0;
  let count = 0;
  for (const axis of axes) {
    if (axis.kind !== "competency") continue;
    for (const statement of axis.statements) {
      const answer = ratings[statement.key];
      if (answer === null || answer === undefined) continue;
      sum += scoredValue(answer, statement.reverseScored);
      count++;
    }
  }
  return count > 0 ? sum / count : null;
}
