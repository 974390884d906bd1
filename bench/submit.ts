/**
 * The submit path: submissions per second and latency over HTTP — signed-in
 * raters, the production build, tRPC — at 1, 10 and 50 concurrent clients,
 * beside the database driver alone writing the same rows with the same
 * statements at the same concurrency.
 *
 * A throw-away installation of the demo organisation is seeded and served as
 * `npm start` serves it (scripts/hardening/seeded-app.ts). Before the clock
 * starts, raters sign in and fetch the forms they will submit, so only the
 * submits are timed; each person submits only their own few requests, well
 * inside the rate limit. Afterwards the app is stopped and the baseline
 * submits other open requests of the same database: per request, the two
 * reads submitAnswers makes (the request, the form's statement ids), then the
 * app's own write statement (submitStatement: mark it submitted, write the
 * response, its ratings and comments, in one statement) — with postgres.js on
 * PostgreSQL (a pool as large as the concurrency), with PGlite's own client
 * on PGlite (one connection: a queue).
 */
import { sql as drizzleSql } from "drizzle-orm";
import postgres from "postgres";
import type { Db } from "../server/db/engines";
import { queryRows } from "../server/db/rows";
import { PgDialect } from "drizzle-orm/pg-core";
import { submitStatement } from "../server/db/queries/submission";
import type { Answers } from "../lib/answers";
import { createRng } from "../server/domain/random";
import { summariseLatencies, type LatencySummary } from "../scripts/hardening/figures";
import { AppClient } from "../scripts/hardening/http-client";
import { answersFor } from "../scripts/hardening/load";
import { withSeededApp } from "../scripts/hardening/seeded-app";
import { type BenchContext, type BenchEngine, type BenchPart, type BenchTable, engineLabel, ms, ratio } from "./part";

const CONCURRENCY = [1, 10, 50];
/** Submissions per level: enough for a steady rate, few enough to stop by itself in seconds. */
const SUBMITS_PER_LEVEL: Record<number, number> = { 1: 150, 10: 400, 50: 800 };
const PEOPLE = 1500;

interface Submission {
  assignmentId: string;
  raterId: string;
  answers: Answers;
}

export interface LevelFigures {
  concurrency: number;
  submits: number;
  perSecond: number;
  latency: LatencySummary;
  failures: number;
}

export interface SubmitFigures {
  engine: BenchEngine;
  app: LevelFigures[];
  raw: LevelFigures[];
}

/** Runs `work` over `items` with `concurrency` workers; times each call. */
export async function closedLoop<T>(
  items: T[],
  concurrency: number,
  work: (item: T) => Promise<boolean>,
): Promise<LevelFigures> {
  const latencies: number[] = [];
  let failures = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const item = items[next++]!;
        const at = performance.now();
        if (await work(item)) latencies.push(performance.now() - at);
        else failures++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    concurrency,
    submits: latencies.length,
    perSecond: latencies.length / seconds,
    latency: summariseLatencies(latencies),
    failures,
  };
}

type Prepared = { client: AppClient; submission: Submission };

/** Signs people in and fetches their forms until `count` submissions are ready, people interleaved. */
async function prepare(url: string, people: string[], count: number, say: (line: string) => void): Promise<Prepared[]> {
  const rng = createRng(8);
  const perPerson: Prepared[][] = [];
  let ready = 0;
  while (ready < count && people.length > 0) {
    const personId = people.shift()!;
    const client = new AppClient(url);
    if (!(await client.signInAsDemoPerson(personId)).ok) continue;
    const inbox =
      await client.query<{ cycleId: string; requests: { assignmentId: string; state: string }[] }[]>("inbox.mine");
    if (inbox.kind !== "data") continue;
    const mine: Prepared[] = [];
    for (const request of inbox.data
      .flatMap((c) => c.requests)
      .filter((r) => r.state === "not_started" || r.state === "draft")) {
      const form = await client.query<Parameters<typeof answersFor>[0] & { status: string; cycle: { status: string } }>(
        "requests.form",
        {
          assignmentId: request.assignmentId,
        },
      );
      if (form.kind !== "data" || form.data.cycle.status !== "collecting") continue;
      mine.push({
        client,
        submission: { assignmentId: request.assignmentId, raterId: personId, answers: answersFor(form.data, rng) },
      });
    }
    perPerson.push(mine);
    ready += mine.length;
  }
  say(`  ${ready} submissions prepared for ${perPerson.length} people`);
  // Round-robin over people, so that no one person's requests come in a burst.
  const interleaved: Prepared[] = [];
  for (let i = 0; interleaved.length < ready; i++)
    for (const mine of perPerson) if (mine[i]) interleaved.push(mine[i]!);
  return interleaved.slice(0, count);
}

/** Open requests the app did not touch, with answers for the baseline. */
async function openSubmissions(db: Db, cycleId: string, count: number): Promise<Submission[]> {
  const rows = await queryRows<{ id: string; rater_id: string }>(
    db,
    drizzleSql`select id, rater_id from assignments where cycle_id = ${cycleId} and status in ('pending', 'in_progress')
               and relationship <> 'self' order by id limit ${count}`,
  );
  const statements = await queryRows<{ id: string }>(
    db,
    drizzleSql`select s.id from statements s join competencies c on c.id = s.competency_id
               join cycles cy on cy.model_id = c.model_id where cy.id = ${cycleId}`,
  );
  const questions = await queryRows<{ id: string }>(
    db,
    drizzleSql`select q.id from questions q join cycles cy on cy.model_id = q.model_id where cy.id = ${cycleId} and q.kind = 'open'`,
  );
  // The same answers the simulated raters give over HTTP, from the same form shape.
  const form = { sections: [{ statements }], questions, draft: null };
  const rng = createRng(9);
  return rows.map((r) => ({ assignmentId: r.id, raterId: r.rater_id, answers: answersFor(form, rng) }));
}

async function rawPostgres(url: string, submissions: Submission[], concurrency: number): Promise<LevelFigures> {
  const client = postgres(url, { max: concurrency, onnotice: () => {} });
  // JSON parameters go as the text they already are, as the app's driver
  // (drizzle over postgres.js) sends them; postgres.js would encode them again.
  for (const jsonType of [114, 3802]) client.options.serializers[jsonType] = (value: unknown) => value;
  // The app's own write statement, turned into text and parameters before the clock starts.
  const dialect = new PgDialect();
  const writes = new Map(submissions.map((s) => [s, dialect.sqlToQuery(submitStatement(s))]));
  try {
    return await closedLoop(submissions, concurrency, async (s) => {
      const [request] =
        await client`select a.status, c.status as cycle_status, c.model_id from assignments a join cycles c on c.id = a.cycle_id
                                     where a.id = ${s.assignmentId} and a.rater_id = ${s.raterId}`;
      await client`select s.id from statements s join competencies c on c.id = s.competency_id where c.model_id = ${request!.model_id as string}`;
      const write = writes.get(s)!;
      const [outcome] = await client.unsafe(write.sql, write.params as never[]);
      return outcome!.written === true;
    });
  } finally {
    await client.end();
  }
}

async function rawPglite(db: Db, submissions: Submission[], concurrency: number): Promise<LevelFigures> {
  return closedLoop(submissions, concurrency, async (s) => {
    const [request] = await queryRows<{ model_id: string }>(
      db,
      drizzleSql`select a.status, c.status as cycle_status, c.model_id from assignments a join cycles c on c.id = a.cycle_id
                 where a.id = ${s.assignmentId} and a.rater_id = ${s.raterId}`,
    );
    await queryRows(
      db,
      drizzleSql`select s.id from statements s join competencies c on c.id = s.competency_id where c.model_id = ${request!.model_id}`,
    );
    const [outcome] = await queryRows<{ written: boolean }>(db, submitStatement(s));
    return outcome?.written === true;
  });
}

export async function measureSubmit(engine: BenchEngine, ctx: BenchContext): Promise<SubmitFigures> {
  const total = CONCURRENCY.reduce((sum, c) => sum + SUBMITS_PER_LEVEL[c]!, 0);
  ctx.say(`${engineLabel(engine)}: the submit path`);
  return withSeededApp(
    {
      engine,
      postgresUrl: ctx.postgresUrl ?? undefined,
      people: PEOPLE,
      logFile: `test-results/bench-submit-${engine}.log`,
      say: ctx.say,
    },
    async (app) => {
      const prepared = await prepare(app.server.url, [...app.raterPool], total, ctx.say);
      if (prepared.length < total)
        throw new Error(`only ${prepared.length} of ${total} submissions could be prepared: seed more people`);
      const levels: LevelFigures[] = [];
      let from = 0;
      for (const concurrency of CONCURRENCY) {
        const batch = prepared.slice(from, (from += SUBMITS_PER_LEVEL[concurrency]!));
        const figures = await closedLoop(batch, concurrency, async ({ client, submission }) => {
          const outcome = await client.mutate("requests.submit", {
            assignmentId: submission.assignmentId,
            answers: submission.answers,
          });
          return outcome.kind === "data";
        });
        ctx.say(
          `  over HTTP, ${concurrency} at once: ${figures.perSecond.toFixed(1)}/s, p95 ${ms(figures.latency.p95)}`,
        );
        levels.push(figures);
      }
      await app.server.stop();

      const raw: LevelFigures[] = await app.inspect(async (db) => {
        const submissions = await openSubmissions(db, app.cycleId, total);
        if (submissions.length < total)
          throw new Error(`only ${submissions.length} open requests left for the baseline: seed more people`);
        const results: LevelFigures[] = [];
        let at = 0;
        for (const concurrency of CONCURRENCY) {
          const batch = submissions.slice(at, (at += SUBMITS_PER_LEVEL[concurrency]!));
          const figures =
            app.database.engine.kind === "postgres"
              ? await rawPostgres(app.database.engine.url, batch, concurrency)
              : await rawPglite(db, batch, concurrency);
          ctx.say(
            `  driver alone, ${concurrency} at once: ${figures.perSecond.toFixed(1)}/s, p95 ${ms(figures.latency.p95)}`,
          );
          results.push(figures);
        }
        return results;
      });
      return { engine, app: levels, raw };
    },
  );
}

export function submitTables(figures: SubmitFigures[]): BenchTable[] {
  return [
    {
      title: "Submit: over HTTP beside the driver alone, same rows, same statements",
      columns: [
        "engine",
        "clients",
        "submits/s (app)",
        "submits/s (driver)",
        "app ÷ driver",
        "app p50 / p95 / p99",
        "driver p50 / p95 / p99",
        "failed",
      ],
      rows: figures.flatMap((f) =>
        f.app.map((a, i) => {
          const r = f.raw[i]!;
          const spread = (l: LatencySummary) => [l.p50, l.p95, l.p99].map(ms).join(" / ");
          return [
            engineLabel(f.engine),
            String(a.concurrency),
            a.perSecond.toFixed(1),
            r.perSecond.toFixed(1),
            ratio(a.perSecond, r.perSecond),
            spread(a.latency),
            spread(r.latency),
            String(a.failures + r.failures),
          ];
        }),
      ),
      notes: [
        `${SUBMITS_PER_LEVEL[1]}, ${SUBMITS_PER_LEVEL[10]} and ${SUBMITS_PER_LEVEL[50]} submissions at 1, 10 and 50 clients; the app is the production build started as \`npm start\` starts it, on this machine, with the client on the same cores.`,
        "Goal: at 50 clients ≥ 0.6 of the driver's rate, and p95 ≤ 50 ms on PostgreSQL.",
      ],
    },
  ];
}

export const submitPart: BenchPart = {
  name: "submit",
  async run(ctx) {
    const figures: SubmitFigures[] = [];
    for (const engine of ctx.engines) figures.push(await measureSubmit(engine, ctx));
    return submitTables(figures);
  },
};
