import "server-only";
import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import type { Db } from "../db/engines";
import { auditLog } from "../db/schema";
import { DisclosureRuleBrokenError } from "../db/queries/disclosure-audit";
import { publishCycle, type PublishProgress } from "../db/queries/publish";
import { Refusal } from "../domain/refusal";
import {
  beatPublishJob,
  claimPublishJob,
  failPublishJob,
  finishPublishJob,
  PUBLISH_HEARTBEAT_MS,
  PublishJobTakenOverError,
  type PublishJob,
} from "../db/queries/publish-jobs";
import { errorFields, log } from "../log";

export type RunOutcome = "done" | "failed" | "taken over";

/** A name for this server process, unique across restarts: it is written on the jobs it runs. */
export function workerName(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/** The sentence HR reads when a run fails: the refusals say what to do; anything else is the server's fault. */
function failureMessage(error: unknown): string {
  if (error instanceof Refusal || error instanceof DisclosureRuleBrokenError) return error.message;
  return "Publishing failed on the server, and nothing was published. Try again; if it fails again, the server's log says why.";
}

/**
 * Keeps the job's heartbeat and step current while the publish runs: at each
 * step and every few seconds. One write at a time, and always the newest
 * step: on PGlite a write waits for the publish transaction to end (one
 * connection), so writes must not pile up behind it; on PostgreSQL it goes
 * out on its own connection and other servers see it at once.
 */
function heartbeat(db: Db, job: PublishJob) {
  let latest: PublishProgress | null = null;
  let writing: Promise<void> | null = null;
  let again = false;
  const write = () => {
    if (writing) {
      again = true;
      return;
    }
    const progress = latest;
    writing = beatPublishJob(db, { job, progress })
      .then(
        () => undefined,
        (error: unknown) =>
          log.warn("A publish job's heartbeat was not written.", { jobId: job.id, ...errorFields(error) }),
      )
      .finally(() => {
        writing = null;
        if (again) {
          again = false;
          write();
        }
      });
  };
  const timer = setInterval(write, PUBLISH_HEARTBEAT_MS);
  timer.unref();
  return {
    progress(progress: PublishProgress) {
      latest = progress;
      write();
    },
    async stop() {
      clearInterval(timer);
      again = false;
      await writing;
    },
  };
}

/**
 * Runs one claimed job: the publish, one transaction, which writes the audit
 * row and marks the job done before it commits. A refusal (the cycle is not
 * closed, the anonymity rules would break) or an error fails the job with a
 * sentence for HR. If the database went away, so that not even the failure
 * can be written, the job's heartbeat goes stale and a server takes it up again.
 */
export async function runPublishJob(db: Db, job: PublishJob): Promise<RunOutcome> {
  const beat = heartbeat(db, job);
  const fields = { jobId: job.id, cycleId: job.cycleId, attempt: job.attempts };
  log.info("Publishing a cycle", fields);
  try {
    const summary = await publishCycle(db, {
      cycleId: job.cycleId,
      onProgress: (progress) => beat.progress(progress),
      beforeCommit: async (tx, published) => {
        await tx.insert(auditLog).values({
          actorId: job.requestedBy,
          action: "cycle.advance",
          cycleId: job.cycleId,
          details: { from: "closed", to: "published", ...published, attempt: job.attempts },
        });
        await finishPublishJob(tx, job);
      },
    });
    log.info("Published a cycle", { ...fields, subjects: summary.subjects, figures: summary.figures });
    return "done";
  } catch (error) {
    if (error instanceof PublishJobTakenOverError) {
      log.warn("A publish run was taken over by another server and rolled back.", fields);
      return "taken over";
    }
    // A refusal is the rules working (not closed yet): HR reads why; only anything else is the server's fault.
    if (error instanceof Refusal) log.info("Publishing a cycle was refused.", { ...fields, reason: error.message });
    else log.error("Publishing a cycle failed.", { ...fields, ...errorFields(error) });
    await failPublishJob(db, { job, message: failureMessage(error) }).catch((failure: unknown) =>
      log.error("A failed publish job could not be marked failed; it is taken up again once its heartbeat is stale.", {
        ...fields,
        ...errorFields(failure),
      }),
    );
    return "failed";
  } finally {
    await beat.stop();
  }
}

/** Claims and runs publish jobs until none is waiting. What each run did, in order. */
export async function drainPublishJobs(
  db: Db,
  {
    shouldStop = () => false,
    ...claim
  }: {
    worker: string;
    staleAfterSeconds?: number;
    /** Asked before each claim: a server shutting down takes no more. */ shouldStop?: () => boolean;
  },
): Promise<RunOutcome[]> {
  const outcomes: RunOutcome[] = [];
  while (!shouldStop()) {
    const job = await claimPublishJob(db, claim);
    if (!job) return outcomes;
    outcomes.push(await runPublishJob(db, job));
  }
  return outcomes;
}
