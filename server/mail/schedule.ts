import "server-only";
import { readConfig } from "../config";
import { getDb } from "../db";
import { sendScheduledReminders } from "../db/queries/reminders";
import { claimScheduledRun, hourSlot } from "../db/queries/scheduled-runs";
import { isoDay } from "../domain/reminders";
import { errorFields, log } from "../log";
import { mailerFor } from "./index";

const HOUR = 60 * 60 * 1000;
const holder = globalThis as typeof globalThis & { __undercurrentReminderSchedule?: NodeJS.Timeout };

/** One scheduled run: today's reminders for cycles closing in three days, on
 *  the one server that takes this hour's slot. Logs, never throws. */
async function runScheduledReminders(): Promise<void> {
  try {
    const { mail } = readConfig();
    const db = await getDb();
    const now = new Date();
    if (!(await claimScheduledRun(db, { name: "reminders", slot: hourSlot(now) }))) return;
    const results = await sendScheduledReminders(db, {
      today: isoDay(now),
      mailer: mailerFor(mail),
      appUrl: mail.appUrl,
    });
    for (const r of results) {
      if (r.sent > 0 || r.failed > 0) {
        log.info("Scheduled reminders sent", { cycleId: r.cycleId, sent: r.sent, refusedByMailServer: r.failed });
      }
    }
  } catch (error) {
    log.error("The scheduled reminders failed; the next hourly run tries again.", errorFields(error));
  }
}

/**
 * Starts the hourly reminder run in this server process, with a first run now.
 * Hourly, not daily: a server started at 23:59 or restarted often still sends
 * each day's reminders; the reminders table keeps it to one per person a day.
 * With several app servers, each hour's run happens on the one that claims
 * its slot first (scheduled_runs), and a restart within the hour skips it.
 */
export function startReminderSchedule(): void {
  if (holder.__undercurrentReminderSchedule) return;
  holder.__undercurrentReminderSchedule = setInterval(() => void runScheduledReminders(), HOUR);
  holder.__undercurrentReminderSchedule.unref();
  void runScheduledReminders();
}
