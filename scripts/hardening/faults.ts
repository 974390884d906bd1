/**
 * Faults in the middle of the load: the PostgreSQL server stops for a few
 * seconds and comes back; the app serving an embedded PGlite folder is killed
 * outright and started again on the same folder. Either way every
 * acknowledged submission must be there exactly once afterwards, and raters
 * must have been told "try again", never shown an error page.
 */
import { localPostgres, postgresAnswers } from "./database";
import { describeTally, tally, type SummaryRow } from "./figures";
import { runLoad, type LoadFigures, type LoadOptions } from "./load";
import { type SeededApp, withSeededApp } from "./seeded-app";
import {
  failuresWithoutFaultRows,
  loadFigureRows,
  loadOptionsFor,
  serverLogRow,
  verifySubmissions,
  type HardeningContext,
  type HardeningStep,
} from "./steps";

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * When the faults happen: 20 s into the load PostgreSQL stops for 5 s; 15 s
 * into it the app on PGlite is killed. A fault before any acknowledgement
 * would prove little, so each also waits for 20 acknowledged submissions —
 * at most until half-way through the load.
 */
export const FAULTS = { postgresStopAt: 20, postgresDownFor: 5, pgliteKillAt: 15, acknowledgedBefore: 20 };

/** Acknowledgements counted by phase of the fault, and when the phases began. */
function faultClock() {
  const started = performance.now();
  const clock = {
    phase: "before" as "before" | "during" | "after",
    acknowledged: { before: 0, during: 0, after: 0 },
    faultAt: 0,
    recoveredAt: 0,
    since: () => (performance.now() - started) / 1000,
    onAcknowledged: () => void clock.acknowledged[clock.phase]++,
    async waitForFaultTime(earliest: number, seconds: number) {
      await sleep(earliest * 1000);
      while (clock.acknowledged.before < FAULTS.acknowledgedBefore && clock.since() < seconds / 2) await sleep(200);
      clock.phase = "during";
      clock.faultAt = clock.since();
    },
    recovered() {
      clock.phase = "after";
      clock.recoveredAt = clock.since();
    },
  };
  return clock;
}

/**
 * The load, with a fault `inject`ed in its middle: at `at` seconds (and
 * after some submissions were acknowledged). `inject` causes the fault and
 * ends when the system is back; the load and the fault both finish before
 * this returns, and a fault that failed is thrown.
 */
export async function loadWithFault(
  ctx: HardeningContext,
  app: SeededApp,
  at: number,
  inject: (clock: ReturnType<typeof faultClock>) => Promise<void>,
  loadOptions: Partial<LoadOptions> = {},
): Promise<{ figures: LoadFigures; clock: ReturnType<typeof faultClock> }> {
  const clock = faultClock();
  const load = runLoad(loadOptionsFor(ctx, app, { ...loadOptions, onAcknowledged: clock.onAcknowledged }));
  const fault = (async () => {
    await clock.waitForFaultTime(at, ctx.seconds);
    await inject(clock);
    clock.recovered();
  })();
  const [figures, faultError] = await Promise.all([
    load,
    fault.then(
      () => null,
      (error: unknown) => error,
    ),
  ]);
  if (faultError) throw faultError;
  return { figures, clock };
}

export function faultRows(step: string, clock: ReturnType<typeof faultClock>, fault: string): SummaryRow[] {
  return [
    {
      step,
      what: fault,
      value: `${clock.faultAt.toFixed(1)} s → ${clock.recoveredAt.toFixed(1)} s`,
    },
    {
      step,
      what: "submissions acknowledged before the fault",
      value: String(clock.acknowledged.before),
      ok: clock.acknowledged.before > 0,
    },
    {
      step,
      what: "raters kept submitting after it",
      value: `${clock.acknowledged.after} acknowledged after it (${clock.acknowledged.during} while it lasted)`,
      ok: clock.acknowledged.after > 0,
    },
  ];
}

/**
 * What the raters saw, split at the fault: failures before it (there should
 * be none), and from the fault on (what a person would have been shown).
 */
export function outageRows(step: string, figures: LoadFigures, faultAt: number): SummaryRow[] {
  const during: Record<string, number> = {};
  for (const failure of figures.failures) if (failure.at >= faultAt) tally(during, failure.label);
  const from = figures.failures.find((f) => f.at >= faultAt)?.at;
  const to = figures.failures.at(-1)?.at;
  return [
    ...failuresWithoutFaultRows(
      step,
      figures.failures.filter((f) => f.at < faultAt),
    ).map((row) => ({ ...row, what: `before the fault: ${row.what}` })),
    {
      step,
      what: "raters saw from the fault on",
      value: `${describeTally(during)}${from !== undefined && to !== undefined ? ` (from ${from.toFixed(1)} s to ${to.toFixed(1)} s)` : ""}`,
    },
    { step, what: "messages shown with those answers", value: describeTally(figures.failureMessages) },
  ];
}

export const postgresRestartStep: HardeningStep = {
  name: "postgres-restart",
  async run(ctx) {
    const step = "PostgreSQL restart";
    if (!ctx.postgresUrl || !ctx.canRestartPostgres) {
      ctx.say(`\n== ${step}: skipped (no PostgreSQL this machine can restart on 127.0.0.1:5432)`);
      return [{ step, what: "skipped", value: "no PostgreSQL this machine can restart on 127.0.0.1:5432" }];
    }
    const serverUrl = ctx.postgresUrl;
    ctx.say(
      `\n== ${step}: ${ctx.raters} raters for ${ctx.seconds} s; PostgreSQL stops ${FAULTS.postgresStopAt} s in, for ${FAULTS.postgresDownFor} s`,
    );
    ctx.say("   (every database on the local server is unreachable meanwhile)");
    return withSeededApp(
      {
        engine: "postgres",
        postgresUrl: serverUrl,
        people: ctx.people,
        logFile: `${ctx.logDir}/postgres-restart.log`,
        templates: ctx.templates,
        say: ctx.say,
      },
      async (app) => {
        const { figures, clock } = await loadWithFault(ctx, app, FAULTS.postgresStopAt, async (clock) => {
          try {
            ctx.say(
              `  ${clock.faultAt.toFixed(1)} s: stopping PostgreSQL (${clock.acknowledged.before} submissions acknowledged so far)`,
            );
            await localPostgres("stop");
            await sleep(FAULTS.postgresDownFor * 1000);
          } finally {
            await localPostgres("start");
          }
        });
        ctx.say(`  ${clock.recoveredAt.toFixed(1)} s: PostgreSQL started again`);
        await app.server.stop();
        if (!(await postgresAnswers(serverUrl))) throw new Error("PostgreSQL did not come back after the restart");
        return [
          ...loadFigureRows(step, figures),
          ...faultRows(step, clock, "PostgreSQL stopped, then answering again"),
          ...outageRows(step, figures, clock.faultAt),
          ...(await verifySubmissions(step, app, figures)),
          serverLogRow(step, app.server.log()),
        ];
      },
    );
  },
};

export const pgliteKillStep: HardeningStep = {
  name: "pglite-kill",
  async run(ctx) {
    const step = "PGlite kill";
    ctx.say(
      `\n== ${step}: ${ctx.raters} raters for ${ctx.seconds} s; the app is killed (SIGKILL) ${FAULTS.pgliteKillAt} s in and started again`,
    );
    return withSeededApp(
      {
        engine: "pglite",
        people: ctx.people,
        logFile: `${ctx.logDir}/pglite-kill.log`,
        templates: ctx.templates,
        say: ctx.say,
      },
      async (app) => {
        const { figures, clock } = await loadWithFault(ctx, app, FAULTS.pgliteKillAt, async (clock) => {
          await app.server.kill();
          ctx.say(
            `  ${clock.faultAt.toFixed(1)} s: killed the app (${clock.acknowledged.before} submissions acknowledged so far)`,
          );
          await app.server.start(); // the same folder: it must open after the crash
        });
        ctx.say(`  ${clock.recoveredAt.toFixed(1)} s: the app serves the same folder again`);
        await app.server.stop();
        return [
          ...loadFigureRows(step, figures),
          ...faultRows(step, clock, "killed, then serving the same folder again"),
          ...outageRows(step, figures, clock.faultAt),
          ...(await verifySubmissions(step, app, figures)),
          serverLogRow(step, app.server.log()),
        ];
      },
    );
  },
};
