/**
 * npm run reminders: sends today's scheduled reminders once — for every
 * collecting cycle that closes in three days, to everyone with open requests
 * not yet reminded today — and says what it did. For cron; the running server
 * also does this hourly. Running it twice a day sends nothing twice.
 *
 * On the embedded database it refuses while the app runs (the data folder's
 * lock): the app sends scheduled reminders itself.
 */
import { readConfig } from "../server/config";
import { openDatabase } from "../server/db/engines";
import { sendScheduledReminders } from "../server/db/queries/reminders";
import { addDays, isoDay, REMIND_DAYS_BEFORE_CLOSE } from "../server/domain/reminders";
import { mailerFor } from "../server/mail";
import { explainAndExit, fail } from "./cli";

async function main() {
  if (process.argv.length > 2) fail(`npm run reminders takes no options, got "${process.argv.slice(2).join(" ")}"`);
  const config = readConfig();
  const today = isoDay(new Date());
  const handle = await openDatabase(config);
  try {
    const mailer = mailerFor(config.mail);
    const results = await sendScheduledReminders(handle.db, { today, mailer, appUrl: config.mail.appUrl });
    if (results.length === 0) {
      console.log(
        `No cycle collecting feedback closes on ${addDays(today, REMIND_DAYS_BEFORE_CLOSE)}: no reminders to send.`,
      );
    }
    for (const r of results) {
      const failed = r.failed > 0 ? `; ${r.failed} could not be sent (the mail server refused them)` : "";
      console.log(
        `${r.cycleName}: reminded ${r.sent} ${r.sent === 1 ? "person" : "people"}, ${r.skipped} already reminded today${failed}.`,
      );
    }
    if (results.some((r) => r.sent > 0) && mailer.delivery === "outbox") {
      console.log("No SMTP_URL is set: the mails are in the dev outbox (/outbox in the app).");
    }
    if (results.some((r) => r.failed > 0)) process.exitCode = 1;
  } finally {
    await handle.close();
  }
  // The SMTP pool keeps its connections open; everything has been sent.
  process.exit();
}

main().catch(explainAndExit);
