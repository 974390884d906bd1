import "server-only";
import { getDb } from "../db";
import { countProgress, forgetFinishedProgressCounts } from "../db/queries/progress";
import { isoDay } from "../domain/reminders";
import { errorFields, log } from "../log";

const HOUR = 60 * 60 * 1000;
const holder = globalThis as typeof globalThis & {
  __undercurrentProgressSchedule?: { hourly: NodeJS.Timeout; midnight?: NodeJS.Timeout };
};

/** One run: each collecting cycle's count for today, if it has none yet, and
 *  the counts of cycles that stopped collecting dropped. Logs, never throws. */
async function runProgressCount(): Promise<void> {
  try {
    const db = await getDb();
    await countProgress(db, { today: isoDay(new Date()) });
    await forgetFinishedProgressCounts(db);
  } catch (error) {
    log.error("Counting today's progress failed; the next view or hourly run tries again.", errorFields(error));
  }
}

/** Milliseconds from `now` to the next midnight UTC. */
function untilNextUtcDay(now: Date): number {
  const next = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  return next - now.getTime();
}

function runAtEachMidnight(): void {
  // A second past midnight, so that the clock surely reads the new day.
  const timer = setTimeout(
    () => {
      void runProgressCount();
      runAtEachMidnight();
    },
    untilNextUtcDay(new Date()) + 1000,
  );
  timer.unref();
  if (holder.__undercurrentProgressSchedule) holder.__undercurrentProgressSchedule.midnight = timer;
}

/**
 * Takes each day's progress count (server/db/queries/progress.ts) just after
 * midnight UTC, so that the moment the day's count is taken is the same every
 * day and nobody's choice: not the first manager to open the home page. Hourly
 * too, and once now, in case the server was asleep or down at midnight. A
 * view that finds today uncounted counts it itself, so nothing depends on this
 * running; several servers running it at once count each day once.
 */
export function startProgressCountSchedule(): void {
  if (holder.__undercurrentProgressSchedule) return;
  const hourly = setInterval(() => void runProgressCount(), HOUR);
  hourly.unref();
  holder.__undercurrentProgressSchedule = { hourly };
  runAtEachMidnight();
  void runProgressCount();
}
