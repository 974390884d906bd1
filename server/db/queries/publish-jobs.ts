import "server-only";
import { and, desc, eq, type SQL, sql } from "drizzle-orm";
import type { Db } from "../engines";
import { cycles, publishJobs } from "../schema";
import { Refusal } from "../../domain/refusal";
import { requireNextStep } from "./cycle-admin";
import { PUBLISH_STEPS, type PublishProgress } from "./publish";
import type { PublishStatus } from "../../shapes/cycles";

export type PublishJob = typeof publishJobs.$inferSelect;

/** How often a running job says it is alive, and how long a silence means
 *  its server is gone. Six beats of margin: a busy machine still beats in time. */
export const PUBLISH_HEARTBEAT_MS = 5_000;
export const PUBLISH_STALE_AFTER_SECONDS = 30;
/** Runs begun before a job that keeps stopping is given up as failed. */
export const PUBLISH_MAX_ATTEMPTS = 3;

/** The publish job ran a second time elsewhere, because this run was thought dead. */
export class PublishJobTakenOverError extends Error {
  constructor() {
    super("Another server took over this publish.");
    this.name = "PublishJobTakenOverError";
  }
}

const activeJobOf = (cycleId: string) =>
  and(eq(publishJobs.cycleId, cycleId), sql`${publishJobs.state} in ('queued', 'running')`);

/**
 * Queues the publish of a closed cycle, or finds the one already queued or
 * running: however many clicks, on however many servers, one run. Refuses
 * a cycle that is not closed, as moving it on would.
 */
export async function requestPublish(
  db: Db,
  { actorId, cycleId }: { actorId: string; cycleId: string },
): Promise<{ job: PublishJob; attached: boolean }> {
  const [cycle] = await db.select({ status: cycles.status }).from(cycles).where(eq(cycles.id, cycleId));
  if (!cycle) throw new Refusal("not_found", "There is no such cycle.");
  requireNextStep(cycle.status, "published");
  const [queued] = await db
    .insert(publishJobs)
    .values({ cycleId, requestedBy: actorId })
    .onConflictDoNothing({ target: publishJobs.cycleId, where: sql`state in ('queued', 'running')` })
    .returning();
  if (queued) return { job: queued, attached: false };
  const [active] = await db.select().from(publishJobs).where(activeJobOf(cycleId));
  // It finished between the insert and this read: the newest job is the one.
  return { job: active ?? (await newestJob(db, cycleId))!, attached: true };
}

async function newestJob(db: Db, cycleId: string): Promise<PublishJob | undefined> {
  const [job] = await db
    .select()
    .from(publishJobs)
    .where(eq(publishJobs.cycleId, cycleId))
    .orderBy(desc(publishJobs.createdAt), desc(publishJobs.id))
    .limit(1);
  return job;
}

/** A running job's server has not been heard from for `seconds`. */
const staleHeartbeat = (seconds: number) => sql`${publishJobs.heartbeatAt} < now() - make_interval(secs => ${seconds})`;

/**
 * Takes the oldest job waiting for a server: queued, or running with a stale
 * heartbeat (its server died mid-run; the run's transaction died with it).
 * SKIP LOCKED lets several servers claim at once without waiting on each
 * other. A job that has already been begun `maxAttempts` times is failed
 * instead of begun again, and the next is looked for. One statement per
 * look: an idle server polls with this every few seconds.
 */
export async function claimPublishJob(
  db: Db,
  {
    worker,
    staleAfterSeconds = PUBLISH_STALE_AFTER_SECONDS,
    maxAttempts = PUBLISH_MAX_ATTEMPTS,
  }: { worker: string; staleAfterSeconds?: number; maxAttempts?: number },
): Promise<PublishJob | null> {
  const gaveUp = `Publishing stopped ${maxAttempts} times before it finished, and nothing was published. Try again; if it stops again, the server's log says why.`;
  const exhausted = sql`${publishJobs.attempts} >= ${maxAttempts}`;
  const either = <T>(ifExhausted: SQL | T, ifBegun: SQL | T) =>
    sql`case when ${exhausted} then ${ifExhausted} else ${ifBegun} end`;
  for (;;) {
    const [job] = await db
      .update(publishJobs)
      .set({
        state: sql`(${either(sql`'failed'`, sql`'running'`)})::publish_job_state`,
        worker: either(sql`${publishJobs.worker}`, worker),
        attempts: either(sql`${publishJobs.attempts}`, sql`${publishJobs.attempts} + 1`),
        step: either(sql`${publishJobs.step}`, sql`0`),
        steps: PUBLISH_STEPS.length,
        label: null,
        error: either(gaveUp, sql`null`),
        startedAt: sql`coalesce(${publishJobs.startedAt}, now())`,
        heartbeatAt: either(sql`${publishJobs.heartbeatAt}`, sql`now()`),
        finishedAt: either(sql`now()`, sql`null`),
      })
      .where(
        sql`${publishJobs.id} = (select id from publish_jobs
              where state = 'queued' or (state = 'running' and ${staleHeartbeat(staleAfterSeconds)})
              order by created_at, id
              limit 1
              for update skip locked)`,
      )
      .returning();
    if (!job) return null;
    if (job.state === "running") return job;
  }
}

/** This run's own row: a run that was taken over matches nothing any more. */
const ownRun = (job: Pick<PublishJob, "id" | "attempts">) =>
  and(eq(publishJobs.id, job.id), eq(publishJobs.attempts, job.attempts), eq(publishJobs.state, "running"));

/** Says the run is alive, and where it stands. False when the job is no longer this run's. */
export async function beatPublishJob(
  db: Db,
  { job, progress }: { job: Pick<PublishJob, "id" | "attempts">; progress: PublishProgress | null },
): Promise<boolean> {
  const beaten = await db
    .update(publishJobs)
    .set({
      heartbeatAt: sql`now()`,
      ...(progress ? { step: progress.step, steps: progress.steps, label: progress.label } : {}),
    })
    .where(ownRun(job))
    .returning({ id: publishJobs.id });
  return beaten.length > 0;
}

/** Marks the run done, inside the publish transaction; a run taken over throws, which rolls the publish back. */
export async function finishPublishJob(tx: Db, job: Pick<PublishJob, "id" | "attempts">): Promise<void> {
  const finished = await tx
    .update(publishJobs)
    .set({
      state: "done",
      finishedAt: sql`now()`,
      heartbeatAt: sql`now()`,
      step: sql`${publishJobs.steps}`,
      label: null,
    })
    .where(ownRun(job))
    .returning({ id: publishJobs.id });
  if (finished.length === 0) throw new PublishJobTakenOverError();
}

/** Ends the run as failed, with the sentence HR reads. */
export async function failPublishJob(
  db: Db,
  { job, message }: { job: Pick<PublishJob, "id" | "attempts">; message: string },
): Promise<void> {
  await db
    .update(publishJobs)
    .set({ state: "failed", finishedAt: sql`now()`, error: message })
    .where(ownRun(job));
}

/** Where the newest publish of a cycle stands, as any server reads it; null when it was never asked for. */
export async function publishStatusOf(
  db: Db,
  { cycleId, staleAfterSeconds = PUBLISH_STALE_AFTER_SECONDS }: { cycleId: string; staleAfterSeconds?: number },
): Promise<PublishStatus | null> {
  const [job] = await db
    .select({
      id: publishJobs.id,
      state: publishJobs.state,
      step: publishJobs.step,
      steps: publishJobs.steps,
      label: publishJobs.label,
      error: publishJobs.error,
      attempts: publishJobs.attempts,
      createdAt: publishJobs.createdAt,
      finishedAt: publishJobs.finishedAt,
      stalled: sql<boolean>`(${publishJobs.state} = 'running' and ${staleHeartbeat(staleAfterSeconds)})`.mapWith(
        Boolean,
      ),
    })
    .from(publishJobs)
    .where(eq(publishJobs.cycleId, cycleId))
    .orderBy(desc(publishJobs.createdAt), desc(publishJobs.id))
    .limit(1);
  return job ?? null;
}
