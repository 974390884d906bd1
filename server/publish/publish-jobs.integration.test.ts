/**
 * Publishing as a durable job: one run however many clicks, a run whose
 * server died taken over and published once, a run that was taken over
 * rolled back, refusals kept as HR's sentence, and (on PostgreSQL, where a
 * second connection can look) the step visible while the publish runs.
 */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { claimPublishJob, PUBLISH_MAX_ATTEMPTS, publishStatusOf, requestPublish } from "../db/queries/publish-jobs";
import { auditLog, cycles, people, publishedFinderCycles, publishJobs } from "../db/schema";
import { seedDemoOrganisation } from "../db/seed/demo";
import { drainPublishJobs, runPublishJob } from "./run-job";

let database: TestDatabase;
let db: TestDatabase["db"];
let cycleId: string;
let actorId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  const seeded = await seedDemoOrganisation(db, { people: 60, seed: 5, today: new Date("2026-11-28T12:00:00Z") });
  cycleId = seeded.cycles[0]!.cycleId;
  const [hr] = await db.select({ id: people.id }).from(people).where(eq(people.isHr, true)).limit(1);
  actorId = hr!.id;
}, 120_000);
afterAll(async () => {
  await database?.destroy();
});

// Every test starts from the seeded cycle closed again, with no jobs and no publish audit.
beforeEach(async () => {
  await db.delete(publishJobs);
  await db.delete(auditLog).where(eq(auditLog.cycleId, cycleId));
  await db.update(cycles).set({ status: "closed" }).where(eq(cycles.id, cycleId));
});

const stopHeartbeat = (jobId: string) =>
  db
    .update(publishJobs)
    .set({ heartbeatAt: sql`now() - interval '1 hour'` })
    .where(eq(publishJobs.id, jobId));

async function publishAudits() {
  const rows = await db
    .select({ details: auditLog.details })
    .from(auditLog)
    .where(and(eq(auditLog.cycleId, cycleId), eq(auditLog.action, "cycle.advance")));
  return rows.map((r) => r.details as { to: string; attempt: number });
}

async function cycleStatus() {
  const [row] = await db.select({ status: cycles.status }).from(cycles).where(eq(cycles.id, cycleId));
  return row!.status;
}

describe("asking to publish", () => {
  it("queues one job however many ask at once, and the others join it", async () => {
    const asked = await Promise.all(Array.from({ length: 5 }, () => requestPublish(db, { actorId, cycleId })));
    expect(new Set(asked.map((a) => a.job.id)).size).toBe(1);
    expect(asked.filter((a) => !a.attached)).toHaveLength(1);
    expect(await db.select().from(publishJobs)).toHaveLength(1);

    expect(await drainPublishJobs(db, { worker: "w1" })).toEqual(["done"]);
    expect(await cycleStatus()).toBe("published");
    expect(await publishAudits()).toEqual([expect.objectContaining({ to: "published", attempt: 1 })]);
  });

  it("refuses a cycle that is not closed, and one that does not exist", async () => {
    await db.update(cycles).set({ status: "collecting" }).where(eq(cycles.id, cycleId));
    await expect(requestPublish(db, { actorId, cycleId })).rejects.toThrow(
      "A cycle in collecting can only move to closed.",
    );
    await expect(requestPublish(db, { actorId, cycleId: "00000000-0000-4000-8000-000000000000" })).rejects.toThrow(
      "There is no such cycle.",
    );
    expect(await db.select().from(publishJobs)).toHaveLength(0);
  });

  it("keeps a refusal that comes up in the run as the job's sentence, and publishes nothing", async () => {
    await requestPublish(db, { actorId, cycleId });
    // The cycle moved back between the click and the run.
    await db.update(cycles).set({ status: "collecting" }).where(eq(cycles.id, cycleId));
    expect(await drainPublishJobs(db, { worker: "w1" })).toEqual(["failed"]);
    const status = await publishStatusOf(db, { cycleId });
    expect(status).toMatchObject({
      state: "failed",
      error: "Only a closed cycle can be published; this one is collecting.",
    });
    expect(await cycleStatus()).toBe("collecting");
    expect(await publishAudits()).toEqual([]);
    // A failed job does not stand in the way of the next click.
    await db.update(cycles).set({ status: "closed" }).where(eq(cycles.id, cycleId));
    expect((await requestPublish(db, { actorId, cycleId })).attached).toBe(false);
  });
});

describe("a server that dies mid-publish", () => {
  it("leaves its job to another server, which publishes it once", async () => {
    const { job } = await requestPublish(db, { actorId, cycleId });
    const first = await claimPublishJob(db, { worker: "dies" });
    expect(first).toMatchObject({ id: job.id, state: "running", attempts: 1, worker: "dies" });
    // While its heartbeat is fresh nobody else takes it.
    expect(await claimPublishJob(db, { worker: "other" })).toBeNull();
    expect((await publishStatusOf(db, { cycleId }))!.stalled).toBe(false);

    await stopHeartbeat(job.id);
    expect((await publishStatusOf(db, { cycleId }))!.stalled).toBe(true);
    expect(await drainPublishJobs(db, { worker: "other" })).toEqual(["done"]);

    const [done] = await db.select().from(publishJobs);
    expect(done).toMatchObject({ state: "done", attempts: 2, worker: "other", error: null });
    expect(await cycleStatus()).toBe("published");
    expect(await publishAudits()).toEqual([expect.objectContaining({ attempt: 2 })]);
    const finder = await db.select().from(publishedFinderCycles).where(eq(publishedFinderCycles.cycleId, cycleId));
    expect(finder).toHaveLength(1);
  });

  it("rolls back a run that was thought dead and taken over, so the figures are written once", async () => {
    await requestPublish(db, { actorId, cycleId });
    const slow = (await claimPublishJob(db, { worker: "slow" }))!;
    await stopHeartbeat(slow.id);
    const takeover = (await claimPublishJob(db, { worker: "takeover" }))!;
    expect(takeover.attempts).toBe(2);

    // The slow server wakes up and finishes its run: it may not commit.
    expect(await runPublishJob(db, slow)).toBe("taken over");
    expect(await cycleStatus()).toBe("closed");
    expect(await publishAudits()).toEqual([]);

    expect(await runPublishJob(db, takeover)).toBe("done");
    expect(await cycleStatus()).toBe("published");
    expect(await publishAudits()).toHaveLength(1);
  });

  it("gives up on a job that keeps stopping, and says so", async () => {
    const { job } = await requestPublish(db, { actorId, cycleId });
    for (let attempt = 1; attempt <= PUBLISH_MAX_ATTEMPTS; attempt++) {
      expect((await claimPublishJob(db, { worker: `crash ${attempt}` }))!.attempts).toBe(attempt);
      await stopHeartbeat(job.id);
    }
    expect(await claimPublishJob(db, { worker: "next" })).toBeNull();
    const status = await publishStatusOf(db, { cycleId });
    expect(status!.state).toBe("failed");
    expect(status!.error).toMatch(/stopped 3 times before it finished, and nothing was published/);
    expect(await cycleStatus()).toBe("closed");
  });
});

describe.runIf(Boolean(process.env.DATABASE_URL))("progress from any server", () => {
  it("shows the step a running publish has reached, read on another connection", async () => {
    await requestPublish(db, { actorId, cycleId });
    // Hold the finder's table so that the publish waits at that step.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    const holder = db.transaction(async (tx) => {
      await tx.execute(sql`lock table published_finder_cycles in access exclusive mode`);
      locked();
      await held;
    });
    await lockTaken;
    const run = drainPublishJobs(db, { worker: "w1" });
    try {
      let status = await publishStatusOf(db, { cycleId });
      const deadline = Date.now() + 120_000;
      while (status?.label !== "Placing everyone for the finder" && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        status = await publishStatusOf(db, { cycleId });
      }
      expect(status).toMatchObject({ state: "running", label: "Placing everyone for the finder", stalled: false });
      expect(status!.step).toBeGreaterThan(1);
      expect(status!.step).toBeLessThan(status!.steps);
      expect(await cycleStatus()).toBe("closed");
    } finally {
      release();
      await holder;
    }
    expect(await run).toEqual(["done"]);
    expect(await publishStatusOf(db, { cycleId })).toMatchObject({ state: "done", label: null });
  }, 180_000);
});
