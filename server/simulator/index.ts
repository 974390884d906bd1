/**
 * Simulated organisations and simulated 360 answers: what the rest of the
 * app uses of the simulator, whose parts are the files beside this one.
 *
 * The simulator feeds the demo data, the tests, the benchmarks and the
 * evaluation of the quiet-influencer finder. Because the finder is judged on
 * these organisations, the simulator has to be honest in two ways (DESIGN.md,
 * "Simulated organisations"):
 *
 * - every person has a known latent truth (competence per competency, and
 *   visibility), and a planted set of quiet influencers, so that recall can be
 *   measured against something real;
 * - ratings are as noisy as real 360 ratings: its default settings reproduce
 *   the single-rater reliabilities and between-source correlations of the
 *   Conway & Huffcutt (1997) meta-analysis (see the calibration test).
 *
 * Everything is pure and deterministic: the same settings give the same
 * organisation, and the answers of rater R about subject S in cycle C depend
 * only on (seed, C, S, R, relationship), never on the order in which answers
 * are generated.
 */

export {
  DEFAULT_SIMULATION_SETTINGS,
  defaultDepartmentCount,
  type ResolvedSimulationSettings,
  resolveSettings,
  type SimulationSettings,
} from "./settings";
export {
  directReportIndices,
  type LikertAnswer,
  quietInfluencerIndices,
  type RaterTraits,
  type SimOrganisation,
  type SimPerson,
  simulateOrganisation,
  trueCompetenceComposite,
} from "./organisation";
export { planRaters, type PlanRatersOptions, type RaterAssignment } from "./raters";
export {
  axisScores,
  compositeScore,
  simulateAnswers,
  type SimulateAnswersInput,
  type SimulatedAnswers,
  type SimulatedComment,
  type SimulatedRatings,
  SOURCE_PARAMETERS,
} from "./answers";
export { EXECUTIVE_DEPARTMENT, PEOPLE_DEPARTMENT } from "./hierarchy";
export { DEMO_EMAIL_DOMAIN } from "./people-details";
