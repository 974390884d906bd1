/**
 * npm run evaluate -- --people N --seed S [--quiet Q] [--halo H] [--noise X] [--leniency L] [--general G]
 *   [--visibility-level R] [--shortlist-share F] [--response-rate F] [--database-url URL] [--json]
 *
 * Simulates an organisation with planted quiet influencers, runs it through
 * the app's pipeline on a throw-away database (in-memory PGlite, or a new
 * database on the server at --database-url, dropped afterwards), and prints
 * how well the finder's shortlist recovers them against raw-mean and
 * manager-only rankings of the same length. Progress goes to stderr, results
 * to stdout: a table, or JSON with --json.
 */
import { DatabaseUnreachableError } from "../server/db/engines";
import { DEFAULT_SIMULATION_SETTINGS } from "../server/simulator";
import type { ListScore } from "../server/evaluation/metrics";
import {
  DEFAULT_RESPONSE_RATE,
  DEFAULT_SHORTLIST_SHARE,
  evaluateFinder,
  RANKINGS,
  type EvaluationOptions,
  type EvaluationResult,
  type Ranking,
} from "../server/evaluation/run";
import { explainAndExit, fail } from "./cli";

interface NumberFlag {
  /** Where the value goes. */
  key: "people" | "seed" | keyof typeof DEFAULT_SIMULATION_SETTINGS | "shortlistShare" | "responseRate";
  whole?: boolean;
  min: number;
  max: number;
  /** Whether the bounds themselves are allowed. */
  open?: { min?: boolean; max?: boolean };
}

const NUMBER_FLAGS: Record<string, NumberFlag> = {
  "--people": { key: "people", whole: true, min: 50, max: 100_000 },
  "--seed": { key: "seed", whole: true, min: 0, max: 1_000_000 },
  "--quiet": { key: "quietInfluencerShare", min: 0, max: 0.2 },
  "--halo": { key: "managerHalo", min: -2, max: 2 },
  "--noise": { key: "raterNoise", min: 0, max: 5 },
  "--leniency": { key: "leniencySpread", min: 0, max: 2 },
  "--general": { key: "competencyGeneralFactor", min: 0, max: 1 },
  "--visibility-level": { key: "visibilityLevelCorrelation", min: -1, max: 1, open: { min: true, max: true } },
  "--shortlist-share": { key: "shortlistShare", min: 0, max: 1, open: { min: true } },
  "--response-rate": { key: "responseRate", min: 0, max: 1, open: { min: true } },
};

const USAGE = `expected ${Object.keys(NUMBER_FLAGS).join(", ")}, --database-url URL, --json`;

function describeRange(flag: NumberFlag): string {
  const kind = flag.whole ? "a whole number" : "a number";
  if (!flag.open) return `${kind} from ${flag.min} to ${flag.max}`;
  const low = flag.open.min ? `greater than ${flag.min}` : `at least ${flag.min}`;
  const high = flag.open.max ? `less than ${flag.max}` : `at most ${flag.max}`;
  return `${kind} ${low} and ${high}`;
}

function parseFlags(args: string[]): { options: EvaluationOptions; json: boolean } {
  const values: Partial<Record<NumberFlag["key"], number>> = {};
  let json = false;
  let databaseUrl: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--json") {
      json = true;
      continue;
    }
    const [name, inline] = arg.split("=", 2) as [string, string | undefined];
    const raw = inline ?? args[++i];
    if (name === "--database-url") {
      if (!raw || !/^postgres(ql)?:\/\//.test(raw))
        fail(`--database-url needs a postgres://… address, got "${raw ?? ""}"`);
      databaseUrl = raw;
      continue;
    }
    const flag = NUMBER_FLAGS[name];
    if (!flag) fail(`unknown option ${arg} (${USAGE})`);
    const value = raw === undefined || raw.trim() === "" ? Number.NaN : Number(raw);
    const tooLow = flag.open?.min ? value <= flag.min : value < flag.min;
    const tooHigh = flag.open?.max ? value >= flag.max : value > flag.max;
    if (!Number.isFinite(value) || (flag.whole && !Number.isInteger(value)) || tooLow || tooHigh) {
      fail(`${name} needs ${describeRange(flag)}, got "${raw ?? ""}"`);
    }
    values[flag.key] = value;
  }
  const { people, seed, shortlistShare, responseRate, ...simulation } = values;
  if (people === undefined) fail("--people N is required (the organisation's head count)");
  if (seed === undefined) fail("--seed S is required (the same seed gives the same organisation)");
  return { options: { simulation: { people, seed, ...simulation }, shortlistShare, responseRate, databaseUrl }, json };
}

const LABELS: Record<Ranking, string> = { finder: "finder", rawMean: "raw mean", managerOnly: "manager only" };

const share = (value: number | null) => (value === null ? "–" : value.toFixed(2));

function formatTable(result: EvaluationResult): string {
  const s = result.settings;
  const changed = (Object.keys(DEFAULT_SIMULATION_SETTINGS) as (keyof typeof DEFAULT_SIMULATION_SETTINGS)[])
    .filter((key) => s[key] !== DEFAULT_SIMULATION_SETTINGS[key])
    .map((key) => `${key} ${s[key]}`);
  if (s.shortlistShare !== DEFAULT_SHORTLIST_SHARE) changed.push(`shortlist share ${s.shortlistShare}`);
  if (s.responseRate !== DEFAULT_RESPONSE_RATE) changed.push(`response rate ${s.responseRate}`);
  const row = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(14) : cell.padStart(10))).join("");
  const lines = [
    `${s.people} people, seed ${s.seed}, ${changed.length === 0 ? "default settings" : changed.join(", ")} (${result.engine})`,
    `population ${result.population} with a published anonymous pool (${result.withoutPool} without); ` +
      `${result.planted} planted quiet influencers (${result.plantedInOrganisation} in the organisation)`,
    `finder quadrant ${result.quadrant} people, ${result.plantedInQuadrant} of them planted; every list holds L = ${result.shortlistLength}`,
    ...(result.onMedianLine.length > 0
      ? [`${result.onMedianLine.length} subjects sit exactly on a median line (counted as low on it)`]
      : []),
    "",
    row(["list", "found", "recall", "precision", "< median"]),
    ...RANKINGS.map((ranking) => {
      const list: ListScore = result.lists[ranking];
      return row([
        LABELS[ranking],
        String(list.found),
        share(list.recall),
        share(list.precision),
        share(list.belowMedian),
      ]);
    }),
    "",
    `${result.seconds.total.toFixed(1)} s (seeding ${result.seconds.seeding.toFixed(1)} s, publishing ${result.seconds.publishing.toFixed(1)} s)`,
  ];
  return lines.join("\n");
}

/** Indented, but a list of indices stays on one line. */
function formatJson(result: EvaluationResult): string {
  return JSON.stringify(result, null, 2).replace(
    /\[\s+([-\d.,\s]+?)\s+\]/g,
    (_, items: string) => `[${items.split(/,\s*/).join(", ")}]`,
  );
}

async function main() {
  const { options, json } = parseFlags(process.argv.slice(2));
  let result: EvaluationResult;
  try {
    result = await evaluateFinder({ ...options, onProgress: (message) => console.error(`evaluate: ${message}`) });
  } catch (error) {
    // The simulator refuses settings it cannot honour (say, too few people for the departments) in one sentence.
    if (error instanceof RangeError) fail(error.message);
    if (error instanceof DatabaseUnreachableError) fail(error.message.replace(/^DATABASE_URL/, "--database-url"));
    throw error;
  }
  console.log(json ? formatJson(result) : formatTable(result));
}

main().catch(explainAndExit);
