/**
 * Two app servers on one PostgreSQL database behind a round-robin proxy, as
 * a company runs them behind a load balancer:
 *
 * 1. The results budget is one across servers: HR asks for the finder many
 *    times in quick succession, alternately answered by each server, and no
 *    more are let through than one budget allows (two per-server budgets
 *    would let all of them through).
 * 2. Raters work through the proxy while one server is killed outright and
 *    started again: every acknowledged submission is there exactly once.
 * 3. HR publishes; the server running the publish is killed mid-run: the
 *    other takes the job over and publishes it, once and whole. A second
 *    click meanwhile joins the running job, and both servers report the
 *    same progress.
 */
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { RATE_LIMITS } from "../../server/api/rate-limits";
import { PUBLISH_STALE_AFTER_SECONDS } from "../../server/db/queries/publish-jobs";
import { queryRows } from "../../server/db/rows";
import type { Db } from "../../server/db/engines";
import { createAppServer, freePort, type AppServer } from "./app-server";
import { faultRows, loadWithFault, outageRows, sleep } from "./faults";
import { formatMs, type SummaryRow } from "./figures";
import { AppClient } from "./http-client";
import { startRoundRobinProxy, type RoundRobinProxy } from "./round-robin-proxy";
import type { SeededApp } from "./seeded-app";
import { withSeededApp } from "./seeded-app";
import {
  closeAndVerifyStorage,
  loadFigureRows,
  serverLogRow,
  verifySubmissions,
  type HardeningContext,
  type HardeningStep,
} from "./steps";

const STEP = "two servers";
/** When server B is killed under the load, and how long it stays down. */
const KILL = { at: 20, downFor: 10 };
/** The finder reads HR asks for at once; more than one budget of them. */
const READS = { total: RATE_LIMITS.results.burst + 15, atOnce: 5 };

type PublishStatus = { id: string; state: string; step: number; steps: number; label: string | null; attempts: number };

async function signedIn(url: string, personId: string): Promise<AppClient> {
  const client = new AppClient(url);
  const signIn = await client.signInAsDemoPerson(personId);
  if (!signIn.ok) throw new Error(`could not sign in at ${url}: ${signIn.status} ${signIn.detail}`);
  return client;
}

async function firstHrPerson(db: Db): Promise<string> {
  const [row] = await queryRows<{ id: string }>(
    db,
    sql`select id from people where is_hr and active order by name limit 1`,
  );
  if (!row) throw new Error("the demo organisation has no HR person");
  return row.id;
}

/** 1: many finder reads through the proxy, counted against one budget. */
async function sharedBudgetRows(hr: AppClient, proxy: RoundRobinProxy, servers: AppServer[]): Promise<SummaryRow[]> {
  const before = proxy.counts().byBackend;
  const statuses: number[] = [];
  const started = performance.now();
  for (let sent = 0; sent < READS.total; sent += READS.atOnce) {
    const batch = Array.from({ length: Math.min(READS.atOnce, READS.total - sent) }, () =>
      hr.query("finder.view", { filters: {} }),
    );
    for (const outcome of await Promise.all(batch)) statuses.push(outcome.kind === "network" ? 0 : outcome.status);
  }
  const seconds = (performance.now() - started) / 1000;
  const after = proxy.counts().byBackend;
  const answeredBy = servers.map((s) => (after[s.url] ?? 0) - (before[s.url] ?? 0));
  const allowed = statuses.filter((s) => s === 200).length;
  const refused = statuses.filter((s) => s === 429).length;
  const other = statuses.length - allowed - refused;
  // One bucket: the burst, plus what refills while the reads run (rounded up).
  const oneBudget = RATE_LIMITS.results.burst + Math.ceil((seconds * RATE_LIMITS.results.perMinute) / 60);
  return [
    {
      step: STEP,
      what: "finder reads answered by each server",
      value: answeredBy.join(" / "),
      ok: answeredBy.every((n) => n > 0),
    },
    {
      step: STEP,
      what: `finder reads let through of ${READS.total} in ${seconds.toFixed(1)} s (one budget: at most ${oneBudget})`,
      value: `${allowed} let through, ${refused} refused (429)${other ? `, ${other} other answers` : ""}`,
      ok:
        allowed >= RATE_LIMITS.results.burst &&
        allowed <= oneBudget &&
        refused === READS.total - allowed &&
        other === 0,
    },
  ];
}

/** 2: the load through the proxy, with server B killed and started again in the middle. */
async function loadWithAKill(
  ctx: HardeningContext,
  app: SeededApp,
  b: AppServer,
  proxy: RoundRobinProxy,
): Promise<SummaryRow[]> {
  const { figures, clock } = await loadWithFault(
    ctx,
    app,
    KILL.at,
    async (clock) => {
      ctx.say(
        `  ${clock.faultAt.toFixed(1)} s: killing server B (${clock.acknowledged.before} submissions acknowledged so far)`,
      );
      await b.kill();
      await sleep(KILL.downFor * 1000);
      await b.start();
    },
    { url: proxy.url },
  );
  ctx.say(`  ${clock.recoveredAt.toFixed(1)} s: server B serves again`);
  const counts = proxy.counts();
  // The proxy's own 502s (a server gone mid-request) are plain pages, as a
  // balancer's are; only 5xx pages beyond those would be the app's.
  const figureRows = loadFigureRows(STEP, figures).map((row) =>
    row.what.startsWith("HTML error pages")
      ? {
          ...row,
          what: "error pages (5xx) beyond the proxy's 502s",
          value: String(Math.max(0, figures.htmlErrorPages - counts.badGateway)),
          ok: figures.htmlErrorPages <= counts.badGateway,
        }
      : row,
  );
  return [
    ...figureRows,
    {
      step: STEP,
      what: "requests answered by server A / B; 502s from the proxy",
      value: `${Object.values(counts.byBackend).join(" / ")}; ${counts.badGateway}`,
    },
    ...faultRows(STEP, clock, "server B killed, then serving again"),
    ...outageRows(STEP, figures, clock.faultAt),
    ...(await verifySubmissions(STEP, app, figures)),
    ...(await closeAndVerifyStorage(STEP, app, figures.acknowledged)),
  ];
}

async function statusOn(client: AppClient, cycleId: string): Promise<PublishStatus | null> {
  const outcome = await client.query<PublishStatus | null>("cycles.publishStatus", { cycleId });
  return outcome.kind === "data" ? outcome.data : null;
}

/**
 * 3: publishing survives its server. The publish is held at one step (this
 * process locks the finder's table) so that the kill lands mid-run however
 * fast the machine is; the lock is let go once the server is dead.
 */
async function publishWithAKill(
  ctx: HardeningContext,
  app: SeededApp,
  servers: AppServer[],
  clients: { proxy: AppClient; direct: AppClient[] },
): Promise<SummaryRow[]> {
  const rows: SummaryRow[] = [];
  const handle = await app.database.open();
  let release = () => {};
  try {
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked = () => {};
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    const holder = handle.db.transaction(async (tx) => {
      await tx.execute(sql`lock table published_finder_cycles in access exclusive mode`);
      locked();
      await held;
    });
    await lockTaken;

    const first = await clients.proxy.mutate<{ job: PublishStatus; attached: boolean }>("cycles.publish", {
      cycleId: app.cycleId,
    });
    if (first.kind !== "data") throw new Error(`publishing was not accepted: ${JSON.stringify(first).slice(0, 300)}`);
    const jobId = first.data.job.id;

    // Wait until a server runs it and has reached the held step.
    const heldStep = "Placing everyone for the finder";
    const deadline = Date.now() + 120_000;
    let running: { worker: string; label: string | null } | undefined;
    while (Date.now() < deadline) {
      [running] = await queryRows<{ worker: string; label: string | null }>(
        handle.db,
        sql`select worker, label from publish_jobs where id = ${jobId} and state = 'running'`,
      );
      if (running?.label === heldStep) break;
      await sleep(100);
    }
    if (running?.label !== heldStep) throw new Error(`the publish never reached “${heldStep}”`);
    const pid = Number(running.worker.split(":")[1]);
    const runner = servers.findIndex((s) => s.owns(pid));
    if (runner < 0) throw new Error(`no server owns the publishing process ${pid}`);
    const other = 1 - runner;

    const again = await clients.proxy.mutate<{ job: PublishStatus; attached: boolean }>("cycles.publish", {
      cycleId: app.cycleId,
    });
    const seen = await Promise.all(clients.direct.map((c) => statusOn(c, app.cycleId)));
    rows.push(
      {
        step: STEP,
        what: "a second click while it runs",
        value:
          again.kind === "data"
            ? again.data.attached && again.data.job.id === jobId
              ? "joins the running job"
              : "started another run"
            : `refused: ${JSON.stringify(again).slice(0, 120)}`,
        ok: again.kind === "data" && again.data.attached && again.data.job.id === jobId,
      },
      {
        step: STEP,
        what: "progress as each server reports it",
        value: seen
          .map((s, i) => `${"AB"[i]}: ${s ? `${s.state}, step ${s.step} of ${s.steps}` : "no answer"}`)
          .join("; "),
        ok: seen.every((s) => s?.state === "running" && s.label === heldStep),
      },
    );

    ctx.say(`  killing server ${"AB"[runner]} while it publishes (held at “${heldStep}”)`);
    const killedAt = performance.now();
    await servers[runner]!.kill();
    release();
    await holder;

    // The other server takes the job up once its heartbeat is stale.
    let status: PublishStatus | null = null;
    const finishBy = Date.now() + (PUBLISH_STALE_AFTER_SECONDS + 150) * 1000;
    while (Date.now() < finishBy) {
      status = await statusOn(clients.direct[other]!, app.cycleId);
      if (status && (status.state === "done" || status.state === "failed")) break;
      await sleep(1000);
    }
    const tookSeconds = (performance.now() - killedAt) / 1000;
    const [check] = await queryRows<{
      status: string;
      audits: number;
      placed: number;
      published_subjects: number;
      subjects: number;
      jobs: number;
      worker: string;
    }>(
      handle.db,
      sql`select (select status::text from cycles where id = ${app.cycleId}) as status,
                 (select count(*)::int from audit_log where cycle_id = ${app.cycleId} and action = 'cycle.advance' and details->>'to' = 'published') as audits,
                 (select count(*)::int from published_finder_cycles where cycle_id = ${app.cycleId}) as placed,
                 (select count(distinct subject_id)::int from published_scores where cycle_id = ${app.cycleId}) as published_subjects,
                 (select count(distinct subject_id)::int from assignments where cycle_id = ${app.cycleId}) as subjects,
                 (select count(*)::int from publish_jobs where cycle_id = ${app.cycleId}) as jobs,
                 (select worker from publish_jobs where id = ${jobId}) as worker`,
    );
    const takenOverBy = servers.findIndex((s) => s.owns(Number(check!.worker.split(":")[1])));
    rows.push(
      {
        step: STEP,
        what: `publish after its server was killed (heartbeat stale after ${PUBLISH_STALE_AFTER_SECONDS} s)`,
        value: status
          ? `${status.state} after ${formatMs(tookSeconds * 1000)}, run ${status.attempts}, by server ${takenOverBy >= 0 ? "AB"[takenOverBy] : "?"}`
          : "no answer",
        ok: status?.state === "done" && status.attempts === 2 && takenOverBy === other,
      },
      {
        step: STEP,
        what: "published once and whole",
        value: `cycle ${check!.status}; ${check!.jobs} job, ${check!.audits} publish audit row, finder placed ${check!.placed}×, figures for ${check!.published_subjects} of ${check!.subjects} people reviewed`,
        ok:
          check!.status === "published" &&
          check!.jobs === 1 &&
          check!.audits === 1 &&
          check!.placed === 1 &&
          check!.published_subjects === check!.subjects,
      },
    );
    return rows;
  } finally {
    release();
    await handle.close();
  }
}

export const twoServersStep: HardeningStep = {
  name: "two-servers",
  async run(ctx) {
    if (!ctx.postgresUrl) {
      ctx.say(`\n== ${STEP}: skipped (no PostgreSQL server: two app servers need one database)`);
      return [{ step: STEP, what: "skipped", value: "no PostgreSQL server answers" }];
    }
    ctx.say(`\n== ${STEP}: two app servers behind a round-robin proxy on one PostgreSQL database`);
    const proxyPort = await freePort();
    const shared = {
      authSecret: randomBytes(24).toString("base64url"),
      env: { NEXTAUTH_URL: `http://localhost:${proxyPort}` },
    };
    return withSeededApp(
      {
        engine: "postgres",
        postgresUrl: ctx.postgresUrl,
        people: ctx.people,
        logFile: `${ctx.logDir}/two-servers-a.log`,
        templates: ctx.templates,
        say: ctx.say,
        ...shared,
      },
      async (app) => {
        const b = createAppServer({
          engine: app.database.engine,
          port: await freePort(),
          logFile: `${ctx.logDir}/two-servers-b.log`,
          ...shared,
        });
        await b.start();
        const servers = [app.server, b];
        const proxy = await startRoundRobinProxy(servers, { port: proxyPort });
        ctx.say(`  server B answers on ${b.url}; the proxy on ${proxy.url}`);
        try {
          const hrId = await app.inspect(firstHrPerson);
          const rows = await sharedBudgetRows(await signedIn(proxy.url, hrId), proxy, servers);
          rows.push(...(await loadWithAKill(ctx, app, b, proxy)));
          // A fresh session for publishing: the finder reads spent this person's results budget, not this.
          const clients = {
            proxy: await signedIn(proxy.url, hrId),
            direct: await Promise.all(servers.map((s) => signedIn(s.url, hrId))),
          };
          rows.push(...(await publishWithAKill(ctx, app, servers, clients)));
          rows.push(serverLogRow(`${STEP} (A)`, app.server.log()), serverLogRow(`${STEP} (B)`, b.log()));
          return rows;
        } finally {
          await proxy.close();
          await b.stop().catch(() => b.kill());
        }
      },
    );
  },
};
