import "server-only";
import { readConfig } from "../config";
import { getDb } from "../db";
import { sendScheduledReminders } from "../db/queries/reminders";
import { isoDay } from "../domain/reminders";
import { mailerFor } from "./index";

const HOUR = 60 * 60 * 1000;
const holder = globalThis as typeof globalThis & { __undercurrentReminderSchedule?: NodeJS.Timeout };

/** One scheduled run: today's reminders for cycles closing in three days. Logs, never throws. */
async function runScheduledReminders(): Promise<void> {
  try {
    const { mail } = readConfig();
    const results = await sendScheduledReminders(await getDb(), isoDay(new Date()), { mailer: mailerFor(mail), appUrl: mail.appUrl });
    for (const r of results) {
      if (r.sent > 0 || r.failed > 0) {
        console.log(`Reminders for ${r.cycleName}: ${r.sent} sent${r.failed > 0 ? `, ${r.failed} refused by the mail server` : ""}.`);
      }
    }
  } catch (error) {
    console.error("Undercurrent: the scheduled reminders failed; the next hourly run tries again.", error);
  }
}

/**
 * Starts the hourly reminder run in this server process, with a first run now.
 * Hourly, not daily: a server started at 23:59 or restarted often still sends
 * each day's reminders; the reminders table keeps it to one per person a day,
 * and several app servers running it at once send nothing twice.
 */
export function startReminderSchedule(): void {
  if (holder.__undercurrentReminderSchedule) return;
  holder.__undercurrentReminderSchedule = setInterval(() => void runScheduledReminders(), HOUR);
  holder.__undercurrentReminderSchedule.unref();
  void runScheduledReminders();
}
