/**
 * What is really true of each simulated person: competence per competency,
 * visibility, the planted quiet influencers, and how each rates others.
 */
import { COMPETENCY_KEYS, type CompetencyKey } from "../domain/competency-model";
import { createRng, deriveSeed } from "../domain/random";
import { type OrgNode } from "./hierarchy";
import { type RaterTraits, trueCompetenceComposite } from "./organisation";
import { type ResolvedSimulationSettings } from "./settings";

// --- Latent truth --------------------------------------------------------------

export interface Latent {
  competence: Record<CompetencyKey, number>;
  visibility: number;
}

/** The upper and lower tails that define a quiet influencer, as standard-normal quantiles. */
const Z_80TH_PERCENTILE = 0.8416212335729143;
const Z_30TH_PERCENTILE = -0.5244005127080407;

function competenceFromFactors(
  general: number,
  specific: number[],
  generalShare: number,
): Record<CompetencyKey, number> {
  const a = Math.sqrt(generalShare);
  const b = Math.sqrt(1 - generalShare);
  return Object.fromEntries(
    COMPETENCY_KEYS.map((key, i) => [key, a * general + b * (specific[i] as number)]),
  ) as Record<CompetencyKey, number>;
}

/** Sd of the true composite: the five competences share `generalShare` of their variance. */
function compositeSd(generalShare: number): number {
  return Math.sqrt(generalShare + (1 - generalShare) / COMPETENCY_KEYS.length);
}

/** Seniority in z-units across the organisation, so visibility keeps unit variance whatever the depth. */
function seniorityScores(nodes: OrgNode[]): number[] {
  const seniority = nodes.map((node) => -node.level);
  const mean = seniority.reduce((sum, value) => sum + value, 0) / seniority.length;
  const sd = Math.sqrt(seniority.reduce((sum, value) => sum + (value - mean) ** 2, 0) / seniority.length) || 1;
  return seniority.map((value) => (value - mean) / sd);
}

function visibilityFrom(seniorityZ: number, ownNoise: number, correlation: number): number {
  return correlation * seniorityZ + Math.sqrt(1 - correlation * correlation) * ownNoise;
}

export function drawLatents(nodes: OrgNode[], settings: ResolvedSimulationSettings): Latent[] {
  const seniority = seniorityScores(nodes);
  return nodes.map((node) => {
    // One stream per person: changing one person's truth never reshuffles anyone else's.
    const rng = createRng(deriveSeed(settings.seed, "latent", node.index));
    const general = rng.normal();
    const specific = COMPETENCY_KEYS.map(() => rng.normal());
    return {
      competence: competenceFromFactors(general, specific, settings.competencyGeneralFactor),
      visibility: visibilityFrom(seniority[node.index] as number, rng.normal(), settings.visibilityLevelCorrelation),
    };
  });
}

/**
 * Makes the quiet-influencer quadrant hold exactly the requested share of
 * non-executive people. The quadrant is fixed in advance (true composite at or
 * above the population's 80th percentile, true visibility at or below its
 * 30th), so "is a quiet influencer" is a property of the latents, not a label.
 *
 * Because competence and visibility are independent, about 0.2 × 0.3 = 6 % of
 * people land there by chance. To reach the target we either plant more —
 * redraw a random person's latents from inside the quadrant — or move extras
 * out by redrawing their visibility from above the cut. Both redraws sample
 * the same conditional distributions that chance would, so planted people look
 * like natural ones.
 */
export function plantQuietInfluencers(
  nodes: OrgNode[],
  latents: Latent[],
  settings: ResolvedSimulationSettings,
): Set<number> {
  const rng = createRng(deriveSeed(settings.seed, "quiet-influencers"));
  const generalShare = settings.competencyGeneralFactor;
  const competenceCut = Z_80TH_PERCENTILE * compositeSd(generalShare);
  const visibilityCut = Z_30TH_PERCENTILE;
  const seniority = seniorityScores(nodes);
  const rho = settings.visibilityLevelCorrelation;
  const nonExecutive = nodes.filter((node) => node.level >= 3).map((node) => node.index);
  const target = Math.round(settings.quietInfluencerShare * nonExecutive.length);
  const latentOf = (index: number) => latents[index] as Latent;
  const inQuadrant = (index: number) =>
    trueCompetenceComposite({ trueCompetence: latentOf(index).competence }) >= competenceCut &&
    latentOf(index).visibility <= visibilityCut;

  /** False when this person's seniority all but rules the visibility out
   *  (a senior person made nearly invisible at a strong correlation). */
  const redrawVisibility = (index: number, accept: (visibility: number) => boolean): boolean => {
    const seniorityZ = seniority[index] as number;
    for (let attempt = 0; attempt < 10_000; attempt++) {
      const visibility = visibilityFrom(seniorityZ, rng.normal(), rho);
      if (accept(visibility)) {
        latentOf(index).visibility = visibility;
        return true;
      }
    }
    return false;
  };

  const natural = nonExecutive.filter(inQuadrant);
  if (natural.length > target) {
    for (const index of rng.shuffle(natural).slice(0, natural.length - target)) {
      // Raising visibility is always possible for someone already low on it.
      if (!redrawVisibility(index, (visibility) => visibility > visibilityCut))
        throw new Error("could not raise visibility");
    }
  } else {
    const candidates = rng.shuffle(nonExecutive.filter((index) => !inQuadrant(index)));
    let planted = 0;
    for (const index of candidates) {
      if (planted === target - natural.length) break;
      const before = latentOf(index).competence;
      for (;;) {
        const general = rng.normal();
        const specific = COMPETENCY_KEYS.map(() => rng.normal());
        const competence = competenceFromFactors(general, specific, generalShare);
        if (trueCompetenceComposite({ trueCompetence: competence }) >= competenceCut) {
          latentOf(index).competence = competence;
          break;
        }
      }
      if (redrawVisibility(index, (visibility) => visibility <= visibilityCut)) planted++;
      else latentOf(index).competence = before; // too senior to be quiet: plant the next candidate instead
    }
  }
  return new Set(nonExecutive.filter(inQuadrant));
}

export function drawRaterTraits(index: number, settings: ResolvedSimulationSettings): RaterTraits {
  const rng = createRng(deriveSeed(settings.seed, "rater-traits", index));
  const noiseSpread = 0.25;
  return {
    leniency: rng.normal(0, settings.leniencySpread),
    // exp(N(0, s²)) / exp(s²) has mean square 1, so the spread of carefulness leaves the calibrated variance alone.
    noiseScale: Math.exp(rng.normal(0, noiseSpread) - noiseSpread * noiseSpread),
    commentPropensity: Math.min(0.95, Math.max(0.02, rng.normal(settings.commentRate, 0.15))),
  };
}
