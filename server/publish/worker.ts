import "server-only";
import { getDb } from "../db";
import { isDraining } from "../http/draining";
import { errorFields, log } from "../log";
import { drainPublishJobs, workerName } from "./run-job";

/** How often an idle server looks for a publish nobody runs (one queued elsewhere, or one whose server died). */
const POLL_MS = 5_000;

const holder = globalThis as typeof globalThis & {
  __undercurrentPublishWorker?: { name: string; busy: boolean; again: boolean; timer: NodeJS.Timeout };
};

async function drain(): Promise<void> {
  const worker = holder.__undercurrentPublishWorker;
  if (!worker) return;
  // One publish at a time per server; a kick while busy runs another pass after.
  if (worker.busy) {
    worker.again = true;
    return;
  }
  worker.busy = true;
  try {
    const db = await getDb();
    do {
      worker.again = false;
      // A server shutting down takes no new work. (One it is running ends
      // with the process, as in a crash: Next.js exits as soon as its
      // requests are done, too soon for a write to the database, and another
      // server takes the job over once its heartbeat is stale.)
      await drainPublishJobs(db, { worker: worker.name, shouldStop: isDraining });
    } while (worker.again && !isDraining());
  } catch (error) {
    log.error("Looking for publish jobs failed; the next poll tries again.", errorFields(error));
  } finally {
    worker.busy = false;
  }
}

/**
 * Starts this server's part in publishing: it runs publish jobs, the ones
 * HR queues here at once (`kickPublishWorker`) and, every few seconds, any
 * that no server runs. Every app server runs one, so a publish survives the
 * server that began it.
 */
export function startPublishWorker(): void {
  if (holder.__undercurrentPublishWorker) return;
  const timer = setInterval(() => void drain(), POLL_MS);
  timer.unref();
  holder.__undercurrentPublishWorker = { name: workerName(), busy: false, again: false, timer };
  void drain();
}

/** Looks for work now: a job was just queued on this server. Does nothing where no worker runs (tests, scripts). */
export function kickPublishWorker(): void {
  void drain();
}
