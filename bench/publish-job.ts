/**
 * What running publish as a durable job costs: the same closed cycle is
 * published by calling publishCycle directly and through the job (queue the
 * job, claim it, run it with its heartbeat and step writes, the audit row and
 * the job's end inside the publish transaction), alternately, twice each,
 * after one publish that warms the caches and fills the tables (every later
 * publish replaces figures, as a republish does). In this process, without
 * HTTP or the poll: what a server does once it has the job.
 */
import { eq, sql } from "drizzle-orm";
import type { Db } from "../server/db/engines";
import { publishCycle } from "../server/db/queries/publish";
import { requestPublish } from "../server/db/queries/publish-jobs";
import { queryRows } from "../server/db/rows";
import { cycles } from "../server/db/schema";
import { openScratchDatabase } from "../server/db/scratch";
import { drainPublishJobs } from "../server/publish/run-job";
import { generateOrganisation } from "./organisation";
import {
  type BenchContext,
  type BenchEngine,
  type BenchPart,
  type BenchTable,
  engineLabel,
  ms,
  ratio,
  timed,
} from "./part";

interface JobFigures {
  engine: BenchEngine;
  people: number;
  responses: number;
  directMs: number[];
  jobMs: number[];
}

async function reclose(db: Db, cycleId: string): Promise<void> {
  await db.update(cycles).set({ status: "closed" }).where(eq(cycles.id, cycleId));
}

async function publishThroughJob(db: Db, cycleId: string, actorId: string): Promise<void> {
  await requestPublish(db, { actorId, cycleId });
  const outcomes = await drainPublishJobs(db, { worker: "bench" });
  if (outcomes.join() !== "done") throw new Error(`the publish job ended ${outcomes.join(", ") || "without running"}`);
}

async function measure(engine: BenchEngine, size: number, ctx: BenchContext): Promise<JobFigures> {
  const database = await openScratchDatabase(engine === "postgres" ? ctx.postgresUrl! : undefined, "uc_bench");
  try {
    ctx.say(`${engineLabel(engine)}, ${size.toLocaleString("en")} people: generating…`);
    const organisation = await generateOrganisation(database.db, size, ctx.say);
    await database.db.execute(sql`checkpoint`).catch(() => {});
    // Anyone will do as the one who asked: the audit row names them.
    const [actor] = await queryRows<{ id: string }>(database.db, sql`select id from people order by id limit 1`);
    ctx.say("  warming up with one publish…");
    await publishCycle(database.db, { cycleId: organisation.cycleId });
    const figures: JobFigures = { engine, people: size, responses: organisation.responses, directMs: [], jobMs: [] };
    for (let round = 1; round <= 2; round++) {
      await reclose(database.db, organisation.cycleId);
      figures.directMs.push((await timed(() => publishCycle(database.db, { cycleId: organisation.cycleId }))).ms);
      await reclose(database.db, organisation.cycleId);
      figures.jobMs.push((await timed(() => publishThroughJob(database.db, organisation.cycleId, actor!.id))).ms);
      ctx.say(`  round ${round}: direct ${ms(figures.directMs.at(-1)!)}, as a job ${ms(figures.jobMs.at(-1)!)}`);
    }
    return figures;
  } finally {
    await database.destroy();
  }
}

const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;

export function publishJobTable(figures: JobFigures[]): BenchTable {
  return {
    title: "Publish as a job beside publishCycle called directly",
    columns: ["engine, people", "responses", "direct (each run)", "as a job (each run)", "job ÷ direct (means)"],
    rows: figures.map((f) => [
      `${engineLabel(f.engine)}, ${f.people.toLocaleString("en")}`,
      f.responses.toLocaleString("en"),
      f.directMs.map(ms).join(", "),
      f.jobMs.map(ms).join(", "),
      ratio(mean(f.jobMs), mean(f.directMs)),
    ]),
    notes: [
      "As a job: queue it, claim it (FOR UPDATE SKIP LOCKED), run the publish with a heartbeat every 5 s and a write at each step, and write the audit row and the job's end in the publish transaction. Direct: publishCycle alone. Alternated, after one warm-up publish.",
      "Goal: the job ≤ 1.05× the direct publish at 50,000 people.",
    ],
  };
}

export const publishJobPart: BenchPart = {
  name: "publish-job",
  async run(ctx) {
    const figures: JobFigures[] = [];
    for (const engine of ctx.engines) for (const size of ctx.sizes) figures.push(await measure(engine, size, ctx));
    return [publishJobTable(figures)];
  },
};
