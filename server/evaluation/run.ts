import "server-only";
import { loadFinderPeople } from "../db/queries/finder";
import { onMedianLine } from "../domain/finder";
import { closeCycle } from "../db/queries/close-cycle";
import { publishCycle } from "../db/queries/publish";
import { insertDefaultCompetencyModel } from "../db/seed/competency-model";
import { seedCycle } from "../db/seed/cycle";
import { insertOrganisation } from "../db/seed/organisation";
import {
  simulateOrganisation,
  trueCompetenceComposite,
  type ResolvedSimulationSettings,
  type SimulationSettings,
} from "../simulator";
import {
  rankByScore,
  scoreShortlist,
  shortlistLength,
  summarisePopulation,
  type ListScore,
  type SubjectTruth,
} from "./metrics";
import { loadNaiveScores } from "./naive-rankings";
import { openScratchDatabase } from "../db/scratch";

/**
 * Does the quiet-influencer finder find the right people? One evaluation:
 * simulate an organisation whose truth is known, run it through the app's own
 * pipeline (seed the org chart and one cycle's answers as the real submit
 * writes them, close, publish, open the finder as HR sees it), and score the
 * finder's shortlist against two naive rankings of the same length: the raw
 * mean of every rater, and the manager's rating alone.
 */

export interface EvaluationOptions {
  simulation: SimulationSettings;
  /** Shortlist length as a share of the population. Default 0.10. */
  shortlistShare?: number;
  /** Share of feedback requests answered. Default 0.85. */
  responseRate?: number;
  /** Runs on a new database on this PostgreSQL server (dropped afterwards) instead of in-memory PGlite. */
  databaseUrl?: string;
  onProgress?: (message: string) => void;
}

export const DEFAULT_SHORTLIST_SHARE = 0.1;
export const DEFAULT_RESPONSE_RATE = 0.85;
/** Peers who decline a request, as in the demo organisation. */
const DECLINED_SHARE = 0.05;

export const RANKINGS = ["finder", "rawMean", "managerOnly"] as const;
export type Ranking = (typeof RANKINGS)[number];

export interface EvaluationResult {
  settings: ResolvedSimulationSettings & { shortlistShare: number; responseRate: number };
  engine: "pglite" | "postgres";
  /** Subjects with a published anonymous pool: everyone the finder places. */
  population: number;
  /** Subjects of the cycle left out because their anonymous pool is hidden (fewer than k responses). */
  withoutPool: number;
  /** Planted quiet influencers in the population, and in the whole organisation. */
  planted: number;
  plantedInOrganisation: number;
  /** The finder's quiet-influencer quadrant (its whole shortlist), and the planted people in it. */
  quadrant: number;
  plantedInQuadrant: number;
  /** L: how many people every ranking puts forward. */
  shortlistLength: number;
  lists: Record<Ranking, ListScore>;
  /** Each ranking's shortlist as simulator indices (`org.people[i]`), best first. */
  shortlists: Record<Ranking, number[]>;
  /** The finder's whole quadrant as simulator indices, in its shortlist order. */
  quadrantMembers: number[];
  /**
   * Subjects whose competence or visibility equals the organisation's median
   * (to within floating-point noise, server/domain/finder.ts). The finder
   * puts them on the low side of that line; among them, the order of the
   * shortlist can still follow the last bits of figures whose summing order
   * changes with every close.
   */
  onMedianLine: number[];
  seconds: { seeding: number; publishing: number; total: number };
}

const CYCLE_NAME = "Evaluation review";

function perRanking<T>(make: (ranking: Ranking) => T): Record<Ranking, T> {
  return { finder: make("finder"), rawMean: make("rawMean"), managerOnly: make("managerOnly") };
}

export async function evaluateFinder(options: EvaluationOptions): Promise<EvaluationResult> {
  const started = Date.now();
  const say = options.onProgress ?? (() => {});
  const shortlistShare = options.shortlistShare ?? DEFAULT_SHORTLIST_SHARE;
  const responseRate = options.responseRate ?? DEFAULT_RESPONSE_RATE;
  if (!(shortlistShare > 0 && shortlistShare <= 1)) throw new RangeError("shortlistShare must be within (0, 1]");
  if (!(responseRate > 0 && responseRate <= 1)) throw new RangeError("responseRate must be within (0, 1]");

  const org = simulateOrganisation(options.simulation);
  say(`simulated ${org.people.length} people in ${org.departments.length} departments`);

  const database = await openScratchDatabase(options.databaseUrl, "uc_evaluate");
  try {
    const { db } = database;
    const personIds = await insertOrganisation(db, org);
    const model = await insertDefaultCompetencyModel(db);
    const { cycleId, responses } = await seedCycle(db, {
      org,
      personIds,
      model,
      name: CYCLE_NAME,
      status: "collecting",
      // Dates only label the cycle; nothing scored depends on them.
      opensOn: "2026-03-02",
      closesOn: "2026-03-27",
      submittedShare: responseRate,
      declinedShare: DECLINED_SHARE,
      draftShare: 0,
      onProgress: say,
    });
    const seeded = Date.now();
    say(`${responses} responses written; closing and publishing`);
    await closeCycle(db, { cycleId });
    await publishCycle(db, {
      cycleId,
      onProgress: (progress) => say(`publishing ${progress.step}/${progress.steps}: ${progress.label}`),
    });
    const published = Date.now();

    // Everyone the finder placed and its whole shortlist, as HR's pages read them.
    const everyone = await loadFinderPeople(db, { cycleId, list: "everyone", pageSize: null });
    const quiet = await loadFinderPeople(db, { cycleId, list: "shortlist", pageSize: null });
    const finder = {
      people: everyone.people,
      shortlist: quiet.people.map((person) => person.id),
      medians: everyone.summary.medians,
      withoutPool: everyone.summary.withoutPool,
    };
    const naive = await loadNaiveScores(db, cycleId);

    // Database ids are new in every run; the simulator's index is the stable identity.
    const indexOf = new Map(personIds.map((id, index) => [id, index]));
    const simIndex = (id: string) => {
      const index = indexOf.get(id);
      if (index === undefined) throw new Error(`subject ${id} is not in the simulated organisation`);
      return index;
    };
    const truthOf = new Map<string, SubjectTruth>(
      finder.people.map((person) => {
        const truth = org.people[simIndex(person.id)]!;
        return [person.id, { planted: truth.isQuietInfluencer, trueComposite: trueCompetenceComposite(truth) }];
      }),
    );
    const population = summarisePopulation(truthOf.values());
    const length = shortlistLength(population.size, shortlistShare, finder.shortlist.length);

    const naiveOf = new Map(naive.map((scores) => [scores.subjectId, scores]));
    const rankNaive = (scoreOf: (subjectId: string) => number | null) =>
      rankByScore(
        finder.people.map((person) => ({ id: person.id, score: scoreOf(person.id), tiebreak: simIndex(person.id) })),
      );
    const lists: Record<Ranking, string[]> = {
      finder: finder.shortlist.slice(0, length),
      rawMean: rankNaive((id) => naiveOf.get(id)?.rawMean ?? null).slice(0, length),
      managerOnly: rankNaive((id) => naiveOf.get(id)?.managerScore ?? null).slice(0, length),
    };

    return {
      settings: { ...org.settings, shortlistShare, responseRate },
      engine: database.engine,
      population: population.size,
      withoutPool: finder.withoutPool,
      planted: population.planted,
      plantedInOrganisation: org.people.filter((person) => person.isQuietInfluencer).length,
      quadrant: finder.shortlist.length,
      plantedInQuadrant: finder.shortlist.filter((id) => truthOf.get(id)?.planted).length,
      shortlistLength: length,
      lists: perRanking((ranking) => scoreShortlist(lists[ranking], truthOf, population)),
      shortlists: perRanking((ranking) => lists[ranking].map(simIndex)),
      quadrantMembers: finder.shortlist.map(simIndex),
      onMedianLine: finder.people
        .filter((person) => finder.medians !== null && onMedianLine(person, finder.medians))
        .map((person) => simIndex(person.id)),
      seconds: {
        seeding: (seeded - started) / 1000,
        publishing: (published - seeded) / 1000,
        total: (Date.now() - started) / 1000,
      },
    };
  } finally {
    await database.destroy();
  }
}
