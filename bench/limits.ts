/**
 * What counting rate limits in the database costs the submit path: raters
 * submit through the tRPC procedure (access check, rate limit, the submit's
 * transaction, output validation) at 50 at once, once with the limits
 * counted in this process and once in PostgreSQL (rate_limit_buckets), in
 * the same run on the same database, alternating halves so that neither
 * gets the warmer cache. Without HTTP: the HTTP path is bench/submit.ts.
 * PostgreSQL only, since the embedded database keeps its limits in process.
 */
import { sql } from "drizzle-orm";
import { appRouter } from "../server/api/root";
import type { ContextUser } from "../server/api/trpc";
import type { Db } from "../server/db/engines";
import { DatabaseRateLimiter } from "../server/db/queries/rate-limit-buckets";
import { findActiveViewer } from "../server/db/queries/people";
import { queryRows } from "../server/db/rows";
import { openScratchDatabase } from "../server/db/scratch";
import { seedDemoOrganisation } from "../server/db/seed/demo";
import { createRng } from "../server/domain/random";
import { RateLimiter, type RateLimits } from "../server/rate-limit/limiter";
import type { Answers } from "../lib/answers";
import { answersFor } from "../scripts/hardening/load";
import { type BenchContext, type BenchPart, type BenchTable, ms, ratio } from "./part";
import { closedLoop, type LevelFigures } from "./submit";

const CONCURRENCY = 50;
const PEOPLE = 1500;

interface Submission {
  user: ContextUser;
  assignmentId: string;
}

async function openRequests(db: Db): Promise<Submission[]> {
  const rows = await queryRows<{ id: string; rater_id: string }>(
    db,
    sql`select a.id, a.rater_id from assignments a join cycles c on c.id = a.cycle_id
        where c.status = 'collecting' and a.status = 'pending' and a.relationship in ('peer', 'direct_report')
        order by a.id`,
  );
  const users = new Map<string, ContextUser | null>();
  const submissions: Submission[] = [];
  // Each person submits a few of their own, well inside the submit limit.
  const taken = new Map<string, number>();
  for (const row of rows) {
    if ((taken.get(row.rater_id) ?? 0) >= 4) continue;
    if (!users.has(row.rater_id)) {
      const viewer = await findActiveViewer(db, row.rater_id);
      users.set(row.rater_id, viewer && { id: viewer.id, name: viewer.name, email: viewer.email, roles: viewer.roles });
    }
    const user = users.get(row.rater_id);
    if (!user) continue;
    taken.set(row.rater_id, (taken.get(row.rater_id) ?? 0) + 1);
    submissions.push({ user, assignmentId: row.id });
  }
  return submissions;
}

type Ready = Submission & { answers: Answers };

/** The forms, read before the clock starts, so that only the submits are timed. */
async function readForms(db: Db, submissions: Submission[]): Promise<Ready[]> {
  const rng = createRng("bench-limits");
  const ready: Ready[] = [];
  for (const submission of submissions) {
    const form = await appRouter
      .createCaller({ db, user: submission.user, headers: new Headers() })
      .requests.form({ assignmentId: submission.assignmentId });
    ready.push({ ...submission, answers: answersFor(form, rng) });
  }
  return ready;
}

/** Submits each through the procedure with `limiter`, `CONCURRENCY` at a time. */
function submitAll(db: Db, ready: Ready[], limiter: RateLimits): Promise<LevelFigures> {
  return closedLoop(ready, CONCURRENCY, async ({ user, assignmentId, answers }) => {
    try {
      await appRouter
        .createCaller({ db, user, headers: new Headers(), limiter })
        .requests.submit({ assignmentId, answers });
      return true;
    } catch {
      return false;
    }
  });
}

export const limitsPart: BenchPart = {
  name: "limits",
  async run(ctx: BenchContext): Promise<BenchTable[]> {
    if (!ctx.postgresUrl) {
      ctx.say("limits: needs DATABASE_URL (the embedded database keeps its limits in process); skipped");
      return [];
    }
    const database = await openScratchDatabase(ctx.postgresUrl, "uc_bench");
    try {
      ctx.say(`limits: seeding ${PEOPLE} people…`);
      await seedDemoOrganisation(database.db, { people: PEOPLE, seed: 12 });
      const submissions = await readForms(database.db, await openRequests(database.db));
      const quarter = Math.floor(submissions.length / 4);
      const parts = [0, 1, 2, 3].map((i) => submissions.slice(i * quarter, (i + 1) * quarter));
      ctx.say(`limits: ${submissions.length} submissions, in four quarters, alternating the limiter…`);
      const inProcess = new RateLimiter();
      const inDatabase = new DatabaseRateLimiter(async () => database.db);
      const runs = [
        { label: "in process", result: await submitAll(database.db, parts[0]!, inProcess) },
        { label: "in the database", result: await submitAll(database.db, parts[1]!, inDatabase) },
        { label: "in process", result: await submitAll(database.db, parts[2]!, inProcess) },
        { label: "in the database", result: await submitAll(database.db, parts[3]!, inDatabase) },
      ];
      const mean = (label: string) => {
        const of = runs.filter((r) => r.label === label).map((r) => r.result);
        return {
          perSecond: of.reduce((s, r) => s + r.perSecond, 0) / of.length,
          p95: Math.max(...of.map((r) => r.latency.p95)),
          failures: of.reduce((s, r) => s + r.failures, 0),
        };
      };
      const [local, shared] = [mean("in process"), mean("in the database")];
      return [
        {
          title:
            "Rate limits: submitting with the limits counted in the database beside in this process (PostgreSQL, 50 at once)",
          columns: ["limits counted", "submits", "submits/s", "p95", "failures", "÷ in process"],
          rows: [
            [
              "in process",
              String(quarter * 2),
              local.perSecond.toFixed(0),
              ms(local.p95),
              String(local.failures),
              "1.00×",
            ],
            [
              "in the database",
              String(quarter * 2),
              shared.perSecond.toFixed(0),
              ms(shared.p95),
              String(shared.failures),
              ratio(shared.perSecond, local.perSecond),
            ],
          ],
          notes: [
            "Each submit through the tRPC procedure in this process (access check, rate limit, the submit's transaction, output validation), without HTTP; the forms are read before the clock starts. Quarters of the same open requests, alternating the two limiters.",
            "Goal: with the limits in the database, at least 0.9× the submits per second of the in-process limits.",
          ],
        },
      ];
    } finally {
      await database.destroy();
    }
  },
};
