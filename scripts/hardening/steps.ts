/**
 * What a step of the hardening run is, and the plain load step: seed a fresh
 * installation, let the simulated raters work for a minute, then prove from
 * the database that every acknowledged submission is there exactly once, and
 * that closing the cycle leaves nothing on disk that ties a response to its
 * rater.
 */
import { engineName } from "../../test/evidence";
import { closeCycle } from "../../server/db/queries/close-cycle";
import { ANSWER_WITHIN_MS } from "../../trpc/fetch-with-timeout";
import { cycleCounts, sentAssignments, storageSnapshot } from "./database";
import { describeTally, formatMs, tally, type SummaryRow } from "./figures";
import { checkStorage, checkSubmissionInvariants } from "./invariants";
import { runLoad, type FailureEvent, type LoadFigures, type LoadOptions } from "./load";
import { withSeededApp, type SeededApp, type SeededTemplates } from "./seeded-app";

export interface HardeningContext {
  /** The engine the plain load runs on: PostgreSQL when DATABASE_URL is set. */
  configuredEngine: "postgres" | "pglite";
  /** A PostgreSQL server to create throw-away databases on, or null when none answers. */
  postgresUrl: string | null;
  /** Whether this machine may stop and start the server at `postgresUrl` (the local cluster). */
  canRestartPostgres: boolean;
  people: number;
  raters: number;
  seconds: number;
  /** Server logs go here, one file per step. */
  logDir: string;
  /** Each step's installation is a copy of one seeded for the run. */
  templates: SeededTemplates;
  say(line: string): void;
}

/** One part of the run; it reports rows for the summary, and `ok: false` on a row fails the run. */
export interface HardeningStep {
  name: string;
  run(ctx: HardeningContext): Promise<SummaryRow[]>;
}

export function loadOptionsFor(ctx: HardeningContext, app: SeededApp, extra: Partial<LoadOptions> = {}): LoadOptions {
  return {
    url: app.server.url,
    raters: ctx.raters,
    seconds: ctx.seconds,
    people: app.raterPool,
    cycleId: app.cycleId,
    onProgress: ctx.say,
    ...extra,
  };
}

/** The figures of one load, as summary rows. */
export function loadFigureRows(step: string, figures: LoadFigures): SummaryRow[] {
  const latency = figures.submitLatency;
  return [
    {
      step,
      what: "raters, run time",
      value: `${figures.raters} raters, ${figures.elapsedSeconds.toFixed(1)} s, ${figures.peopleSignedIn} people signed in`,
    },
    {
      step,
      what: "submissions acknowledged",
      value: `${figures.acknowledged} of ${figures.formsOpened} forms opened (${figures.throughputPerSecond.toFixed(1)}/s)`,
    },
    {
      step,
      what: "submit latency p50 / p95 / p99 / max",
      value: [latency.p50, latency.p95, latency.p99, latency.max].map(formatMs).join(" / "),
    },
    {
      step,
      what: "p50 / p95 of each kind of request",
      value: Object.entries(figures.latencyByRequest)
        .map(([kind, l]) => `${kind} ${formatMs(l.p50)} / ${formatMs(l.p95)}`)
        .join(", "),
    },
    {
      step,
      what: "failed submit attempts (retried)",
      value: `${describeTally(figures.submitFailures)}; ${figures.acknowledgedAfterRetry} acknowledged after a retry, ${figures.conflictsAfterRetry} by CONFLICT, ${figures.gaveUp} gave up`,
    },
    { step, what: "other failed requests (retried)", value: describeTally(figures.otherFailures) },
    { step, what: "rate-limited (429)", value: String(figures.rateLimited) },
    {
      step,
      what: "unexpected refusals",
      value: describeTally(figures.unexpected),
      ok: Object.keys(figures.unexpected).length === 0,
    },
    { step, what: "HTML error pages (5xx)", value: String(figures.htmlErrorPages), ok: figures.htmlErrorPages === 0 },
    {
      step,
      what: "raters never ran out of requests",
      value: figures.poolExhausted ? "ran out: seed more people" : "yes",
      ok: !figures.poolExhausted,
    },
  ];
}

/**
 * Without a fault no request may fail with an error. One that outlasts the
 * client's timeout (a slow answer, retried) is reported, not failed: the
 * submission still lands exactly once.
 */
export function failuresWithoutFaultRows(step: string, failures: readonly FailureEvent[]): SummaryRow[] {
  const errors: Record<string, number> = {};
  const slow: Record<string, number> = {};
  for (const failure of failures) tally(failure.label.endsWith("(timeout)") ? slow : errors, failure.label);
  return [
    { step, what: "error answers without a fault", value: describeTally(errors), ok: Object.keys(errors).length === 0 },
    {
      step,
      what: `requests outlasting the client timeout of ${ANSWER_WITHIN_MS / 1000} s (retried)`,
      value: describeTally(slow),
    },
  ];
}

/** Counts from the database after the load, checked against what the raters were told. */
export async function verifySubmissions(step: string, app: SeededApp, figures: LoadFigures): Promise<SummaryRow[]> {
  const [after, sent] = await app.inspect(
    async (db) =>
      [
        await cycleCounts(db, app.cycleId),
        await sentAssignments(db, figures.acknowledgedIds, figures.attemptedIds),
      ] as const,
  );
  const checks = checkSubmissionInvariants(
    app.before,
    after,
    { acknowledged: figures.acknowledged, attempted: figures.attemptedIds.length, gaveUp: figures.gaveUp },
    sent,
  );
  return checks.map((check) => ({ step, what: check.name, value: check.detail, ok: check.ok }));
}

/**
 * Closes the cycle the raters worked on, as HR's "Close" does, and checks the
 * storage promise on what the load wrote: read before and after close.
 */
export async function closeAndVerifyStorage(step: string, app: SeededApp, acknowledged: number): Promise<SummaryRow[]> {
  const [whileCollecting, afterClose] = await app.inspect(async (db) => {
    const before = await storageSnapshot(db, app.cycleId);
    await closeCycle(db, { cycleId: app.cycleId });
    return [before, await storageSnapshot(db, app.cycleId)] as const;
  });
  return checkStorage(whileCollecting, afterClose, acknowledged).map((check) => ({
    step,
    what: check.name,
    value: check.detail,
    ok: check.ok,
  }));
}

/** Lines the server wrote about failures (tRPC's internal errors, next-auth's, Node's). */
export function serverErrorLines(log: string): string[] {
  return log.split("\n").filter((line) => /failed:|error|exception|ECONN/i.test(line) && !/^\s*$/.test(line));
}

export function serverLogRow(step: string, log: string): SummaryRow {
  const lines = serverErrorLines(log);
  const sample = lines[0] ? `; first: ${lines[0].trim().slice(0, 100)}` : "";
  return { step, what: "error lines in the server log", value: `${lines.length}${sample}` };
}

/** The plain load on the configured engine: no fault, so no request may be answered with an error. */
export const loadStep: HardeningStep = {
  name: "load",
  async run(ctx) {
    const step = `load (${engineName(ctx.configuredEngine)})`;
    ctx.say(`\n== ${step}: ${ctx.raters} raters for ${ctx.seconds} s`);
    return withSeededApp(
      {
        engine: ctx.configuredEngine,
        postgresUrl: ctx.postgresUrl ?? undefined,
        people: ctx.people,
        logFile: `${ctx.logDir}/load-${ctx.configuredEngine}.log`,
        templates: ctx.templates,
        say: ctx.say,
      },
      async (app) => {
        const figures = await runLoad(loadOptionsFor(ctx, app));
        await app.server.stop();
        return [
          ...loadFigureRows(step, figures),
          ...failuresWithoutFaultRows(step, figures.failures),
          ...(await verifySubmissions(step, app, figures)),
          ...(await closeAndVerifyStorage(step, app, figures.acknowledged)),
          serverLogRow(step, app.server.log()),
        ];
      },
    );
  },
};
