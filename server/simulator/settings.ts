/**
 * The simulator's settings, their defaults (calibrated: see the calibration
 * test) and how missing ones are filled in.
 */
import { MIN_DEPARTMENT_SIZE } from "./hierarchy";

// ---------------------------------------------------------------------------
// Settings
// ---------------------------------------------------------------------------

export interface SimulationSettings {
  /** Head count, CEO included. At least 10. */
  people: number;
  seed: number;
  /** Default: people / 25 rounded, clamped to 3..12 (6 for 150 people). The People (HR) department is always one of them. */
  departmentCount?: number;
  /** Share of non-executive people (below department heads) who are quiet influencers. Default 0.06. */
  quietInfluencerShare?: number;
  /** Share of each competency's true variance that is a general leadership factor. Default 0.6. */
  competencyGeneralFactor?: number;
  /** Correlation between true visibility and seniority. Default 0.4. */
  visibilityLevelCorrelation?: number;
  /** How much a manager's ratings rise with the subject's true visibility, in latent SD units. Default 0.3. */
  managerHalo?: number;
  /** Multiplier on every rater-specific noise term (idiosyncratic, per competency, per statement). Default 1. */
  raterNoise?: number;
  /** SD of raters' personal leniency, in latent units. Default 0.35. */
  leniencySpread?: number;
  /** Mean self-enhancement of self-ratings, in latent units. Default 0.3 (gives d ≈ .3 against managers). */
  selfLeniency?: number;
  /** How much self-ratings rise with one's own visibility (self-promoters rate themselves up). Default 0.1. */
  selfVisibilityBias?: number;
  /** Base share of "not observed" answers from peers and direct reports. Default 0.07. */
  notObservedRate?: number;
  /** Average probability that an anonymous rater writes a comment. Default 0.4. */
  commentRate?: number;
}

export type ResolvedSimulationSettings = Required<SimulationSettings>;

/** Every default in one place, so that the evaluation can report what it varied. */
export const DEFAULT_SIMULATION_SETTINGS = {
  quietInfluencerShare: 0.06,
  competencyGeneralFactor: 0.6,
  visibilityLevelCorrelation: 0.4,
  managerHalo: 0.3,
  raterNoise: 1,
  leniencySpread: 0.35,
  selfLeniency: 0.3,
  selfVisibilityBias: 0.1,
  notObservedRate: 0.07,
  commentRate: 0.4,
} as const satisfies Omit<ResolvedSimulationSettings, "people" | "seed" | "departmentCount">;

const MAX_DEPARTMENTS = 12;

export function defaultDepartmentCount(people: number): number {
  return Math.min(MAX_DEPARTMENTS, Math.max(3, Math.round(people / 25)));
}

export function resolveSettings(settings: SimulationSettings): ResolvedSimulationSettings {
  if (!Number.isInteger(settings.people) || settings.people < 10) {
    throw new RangeError(`people must be an integer of at least 10 (got ${settings.people})`);
  }
  if (!Number.isFinite(settings.seed)) throw new RangeError("seed must be a finite number");
  const resolved: ResolvedSimulationSettings = {
    ...DEFAULT_SIMULATION_SETTINGS,
    departmentCount: defaultDepartmentCount(settings.people),
    ...withoutUndefined(settings),
    people: settings.people,
    seed: settings.seed,
  };
  const { departmentCount, people } = resolved;
  if (!Number.isInteger(departmentCount) || departmentCount < 2 || departmentCount > MAX_DEPARTMENTS) {
    throw new RangeError(`departmentCount must be an integer in 2..${MAX_DEPARTMENTS}`);
  }
  if ((people - 1) / departmentCount < MIN_DEPARTMENT_SIZE) {
    throw new RangeError(`${people} people cannot fill ${departmentCount} departments of ${MIN_DEPARTMENT_SIZE}`);
  }
  if (resolved.quietInfluencerShare < 0 || resolved.quietInfluencerShare > 0.2) {
    // Chance alone puts about 6 % there; planting far more would visibly bend the competence and visibility distributions.
    throw new RangeError("quietInfluencerShare must be within 0..0.2");
  }
  const generalFactor = resolved.competencyGeneralFactor;
  if (generalFactor < 0 || generalFactor > 1) throw new RangeError("competencyGeneralFactor must be within 0..1");
  if (Math.abs(resolved.visibilityLevelCorrelation) >= 1)
    throw new RangeError("visibilityLevelCorrelation must be within (-1, 1)");
  return resolved;
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
