/**
 * npm run test:hardening [-- --raters 200 --seconds 60 --people 1000 --only attacks,load,postgres-restart,pglite-kill,two-servers]
 *
 * Prints what the attack suites of `npm test` recorded, and proves that
 * submissions are never lost or duplicated under load and across database
 * faults: a minute of simulated raters on the configured engine (PostgreSQL
 * in DATABASE_URL, else embedded PGlite), after which the cycle is closed and
 * its storage checked for links between responses and raters; the same with
 * the local PostgreSQL server stopped and started mid-load; and with the app
 * on a PGlite folder killed and restarted mid-load; and two app servers on
 * one PostgreSQL behind a round-robin proxy, one killed under load and the
 * one publishing killed mid-publish. Each step works on a throw-away copy of
 * a database seeded once for the run. Prints a summary table; exits 1 if any check failed.
 */
import fs from "node:fs";
import path from "node:path";
import {
  isLocalPostgres,
  LOCAL_POSTGRES,
  localPostgres,
  localPostgresIsControllable,
  postgresAnswers,
} from "./database";
import { formatSummary, type SummaryRow } from "./figures";
import { evidenceStep } from "./evidence";
import { pgliteKillStep, postgresRestartStep } from "./faults";
import { loadStep, type HardeningContext, type HardeningStep } from "./steps";
import { SeededTemplates } from "./seeded-app";
import { twoServersStep } from "./two-servers";

/**
 * The parts of the run, in order: what the attack suites of `npm test`
 * recorded, then the load and the faults. Another part is one more
 * `HardeningStep` added here: `withSeededApp` (seeded-app.ts) gives it a
 * fresh installation with the app serving it, `AppClient` (http-client.ts)
 * signs people in and calls tRPC, and `server.log()` holds everything the
 * server printed; the rows it returns join the summary, and a row with
 * `ok: false` fails the run.
 */
export const HARDENING_STEPS: HardeningStep[] = [
  evidenceStep,
  loadStep,
  postgresRestartStep,
  pgliteKillStep,
  twoServersStep,
];

interface Flags {
  raters: number;
  seconds: number;
  people: number;
  only: string[] | null;
}

function parseFlags(args: string[]): Flags {
  const flags: Flags = { raters: 200, seconds: 60, people: 1000, only: null };
  for (let i = 0; i < args.length; i++) {
    const [name, inline] = args[i]!.split("=", 2);
    const value = inline ?? args[++i];
    if (name === "--only") {
      flags.only = (value ?? "").split(",").filter(Boolean);
      const unknown = flags.only.filter((n) => !HARDENING_STEPS.some((s) => s.name === n));
      if (unknown.length)
        throw new Error(
          `--only: unknown step ${unknown.join(", ")} (steps: ${HARDENING_STEPS.map((s) => s.name).join(", ")})`,
        );
      continue;
    }
    const key = { "--raters": "raters", "--seconds": "seconds", "--people": "people" }[name ?? ""] as
      "raters" | "seconds" | "people" | undefined;
    const number = Number(value);
    if (!key || !Number.isInteger(number) || number < 1) {
      throw new Error(
        `unknown option or bad value: ${args[i]} (expected --raters N, --seconds N, --people N, --only a,b)`,
      );
    }
    flags[key] = number;
  }
  return flags;
}

async function main() {
  const runStarted = performance.now();
  const flags = parseFlags(process.argv.slice(2));
  const say = (line: string) => console.log(line);

  const databaseUrl = process.env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !(await postgresAnswers(databaseUrl)))
    throw new Error(`DATABASE_URL: no PostgreSQL server answers at ${new URL(databaseUrl).host}`);
  const postgresUrl = databaseUrl ?? ((await postgresAnswers(LOCAL_POSTGRES)) ? LOCAL_POSTGRES : null);
  const canRestartPostgres = postgresUrl !== null && isLocalPostgres(postgresUrl) && localPostgresIsControllable();

  const logDir = path.resolve("test-results", "hardening");
  fs.mkdirSync(logDir, { recursive: true });
  for (const file of fs.readdirSync(logDir)) if (file.endsWith(".log")) fs.rmSync(path.join(logDir, file));

  const ctx: HardeningContext = {
    configuredEngine: databaseUrl ? "postgres" : "pglite",
    postgresUrl,
    canRestartPostgres,
    people: flags.people,
    raters: flags.raters,
    seconds: flags.seconds,
    logDir,
    templates: new SeededTemplates(),
    say,
  };
  say(
    `Hardening: ${ctx.raters} raters, ${ctx.seconds} s per load, ${ctx.people} people per installation; ` +
      `configured engine ${ctx.configuredEngine}; PostgreSQL ${postgresUrl ? new URL(postgresUrl).host : "not reachable"}; server logs in ${path.relative(process.cwd(), logDir)}/`,
  );

  const rows: SummaryRow[] = [];
  for (const step of HARDENING_STEPS.filter((s) => !flags.only || flags.only.includes(s.name))) {
    const stepStarted = performance.now();
    try {
      rows.push(...(await step.run(ctx)));
    } catch (error) {
      rows.push({
        step: step.name,
        what: "the step ran to its end",
        value: (error as Error)?.stack?.split("\n").slice(0, 2).join(" ") ?? String(error),
        ok: false,
      });
    } finally {
      // A step that stopped the local server must never leave it stopped.
      if (canRestartPostgres && !(await postgresAnswers(postgresUrl!))) {
        say("PostgreSQL is not answering after this step: starting it again");
        await localPostgres("start");
      }
    }
    const seconds = (performance.now() - stepStarted) / 1000;
    if (seconds >= 1) rows.push({ step: step.name, what: "step time", value: `${seconds.toFixed(0)} s` });
  }
  await ctx.templates
    .removeAll()
    .catch((error: unknown) => say(`could not remove the seeded templates: ${String(error)}`));
  rows.push({
    step: "hardening",
    what: "total time",
    value: `${((performance.now() - runStarted) / 1000).toFixed(0)} s`,
  });

  const failed = rows.filter((row) => row.ok === false);
  console.log(`\n${formatSummary(rows)}\n`);
  console.log(
    failed.length ? `Hardening FAILED: ${failed.length} check(s) did not hold.` : "Hardening passed: every check held.",
  );
  process.exit(failed.length ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
