import "server-only";
import { getDb } from "../db";
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
    do {
      worker.again = false;
      await drainPublishJobs(await getDb(), { worker: worker.name });
    } while (worker.again);
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
