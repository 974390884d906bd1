import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { addDays, REMIND_DAYS_BEFORE_CLOSE, reminderMail } from "../../domain/reminders";
import type { Mailer } from "../../mail/types";
import type { Db } from "../engines";
import { errorFields, log } from "../../log";
import { databaseError } from "../errors";
import { queryRows } from "../rows";
import { cycles, reminders } from "../schema";
import { recordAudit } from "./audit";
import { Refusal } from "../../domain/refusal";
import { openRequestsByRater } from "./open-requests";
import { countProgress } from "./progress";

/** How reminders are delivered: the mailer, and the base of the link in them. */
export interface ReminderDelivery {
  mailer: Mailer;
  appUrl: string;
}

export interface ReminderOutcome {
  /** Reminded now. */
  sent: number;
  /** Had already been reminded today (for this or another cycle) by an earlier send. */
  skipped: number;
  /** The mail server refused the mail; they can be reminded again later today. */
  failed: number;
}

/** The cycle, share-locked so it cannot close while its reminders go out. */
async function lockCollectingCycle(db: Db, cycleId: string) {
  const [cycle] = await db
    .select({ id: cycles.id, name: cycles.name, status: cycles.status, closesOn: cycles.closesOn })
    .from(cycles)
    .where(eq(cycles.id, cycleId))
    .for("share");
  if (!cycle) throw new Refusal("not_found", "There is no such cycle.");
  if (cycle.status !== "collecting") {
    throw new Refusal(
      "invalid",
      `Reminders go out only while a cycle collects feedback, and “${cycle.name}” does not.`,
    );
  }
  return cycle;
}

/** People with requests in the cycle who have had a reminder today (for it or another cycle). */
function remindedTodayOf(cycleId: string, today: string) {
  return sql`select count(*)::int from reminders m
             where m.sent_on = ${today}
               and exists (select 1 from assignments a where a.cycle_id = ${cycleId} and a.rater_id = m.person_id)`;
}

/**
 * What a send would do, as of the day's count (./progress.ts): how many
 * people had requests open when the cycle was counted today, less those
 * reminded since — none once the cycle's reminders went out today. Read
 * live, the number would drop the moment someone finished their last
 * request, and whoever watched it while knowing who was busy could tell who
 * had answered; this way it moves once a day and with the sends, never with
 * an answer. (A send itself reaches whoever is open at that moment.)
 */
export async function previewReminders(
  db: Db,
  { cycleId, today }: { cycleId: string; today: string },
): Promise<{ due: number; remindedToday: number; countedOn: string }> {
  return db.transaction(async (tx) => {
    await lockCollectingCycle(tx, cycleId);
    const countedOn = (await countProgress(tx, { today, cycleId })).get(cycleId) ?? today;
    const [row] = await queryRows<{ open_at_count: number; reminded_today: number; sent_today: boolean }>(
      tx,
      sql`select (select raters_open from progress_snapshots where cycle_id = ${cycleId} and counted_on = ${countedOn}) as open_at_count,
                 (${remindedTodayOf(cycleId, today)}) as reminded_today,
                 exists (select 1 from reminders where cycle_id = ${cycleId} and sent_on = ${today}) as sent_today`,
    );
    const remindedToday = Number(row?.reminded_today ?? 0);
    const openAtCount = Number(row?.open_at_count ?? 0);
    // Once the cycle's reminders went out today, everyone open then has had one:
    // the count of the morning cannot say who has finished since, and need not.
    const due = row?.sent_today ? 0 : Math.max(0, openAtCount - remindedToday);
    return { due, remindedToday, countedOn };
  });
}

/**
 * Reminds everyone with open requests in a collecting cycle who has not had a
 * reminder today. One transaction: the reminder rows are claimed first
 * (insert … on conflict do nothing), and only the rows this call inserted get
 * a mail, so two sends at once — two HR clicks, or a click and the schedule —
 * reach each person once. A mail the SMTP server refuses releases its claim.
 * With `actorId` (HR sending by hand) the counts go to the audit log.
 */
export async function sendReminders(
  db: Db,
  options: { cycleId: string; today: string; actorId?: string } & ReminderDelivery,
): Promise<ReminderOutcome> {
  const { cycleId, today, mailer, appUrl } = options;
  return db.transaction(async (tx) => {
    const cycle = await lockCollectingCycle(tx, cycleId);
    const rows = await queryRows<{
      rater_id: string;
      email: string;
      open_requests: number;
      self_open: boolean;
      claimed: boolean;
    }>(
      tx,
      sql`with open as (${openRequestsByRater(cycleId)}),
          claimed as (
            insert into reminders (person_id, cycle_id, sent_on)
            select rater_id, ${cycleId}, ${today} from open
            on conflict (person_id, sent_on) do nothing
            returning person_id
          )
          select o.rater_id, p.email, o.open_requests, o.self_open, (c.person_id is not null) as claimed
          from open o
          join people p on p.id = o.rater_id
          left join claimed c on c.person_id = o.rater_id
          order by p.email`,
    );
    const outcome: ReminderOutcome = { sent: 0, skipped: 0, failed: 0 };
    for (const row of rows) {
      if (!row.claimed) continue;
      const text = reminderMail({
        cycleName: cycle.name,
        closesOn: cycle.closesOn,
        today,
        openRequests: Number(row.open_requests),
        selfReviewOpen: row.self_open,
        appUrl,
      });
      try {
        await mailer.send(tx, { to: row.email, ...text, kind: "reminder" });
        outcome.sent += 1;
      } catch (error) {
        // A database error has spoiled the transaction: undo it all (the outbox
        // rows go with it). Anything else is the mail server refusing one mail.
        if (databaseError(error)) throw error;
        // The kind of refusal only: a mail server's message can quote the address.
        log.warn("A reminder could not be sent; it can be sent again later today", {
          cycleId,
          error: errorFields(error).error,
        });
        await tx.delete(reminders).where(and(eq(reminders.personId, row.rater_id), eq(reminders.sentOn, today)));
        outcome.failed += 1;
      }
    }
    // Skipped: everyone of the cycle reminded today by an earlier send, whether
    // or not they are still open, so that sending again does not count who
    // has finished since.
    const [reminded] = await queryRows<{ n: number }>(tx, sql`select (${remindedTodayOf(cycleId, today)}) as n`);
    outcome.skipped = Math.max(0, Number(reminded?.n ?? 0) - outcome.sent);
    if (options.actorId) {
      await recordAudit(tx, { actorId: options.actorId, action: "reminders.send", cycleId, details: { ...outcome } });
    }
    return outcome;
  });
}

export interface ScheduledReminders extends ReminderOutcome {
  cycleId: string;
  cycleName: string;
}

/**
 * The scheduled run: reminds for every collecting cycle that closes in
 * exactly REMIND_DAYS_BEFORE_CLOSE days. Safe to run as often as you like —
 * hourly from the server, from cron, both — since each person gets at most one
 * reminder a day.
 */
export async function sendScheduledReminders(
  db: Db,
  { today, ...delivery }: { today: string } & ReminderDelivery,
): Promise<ScheduledReminders[]> {
  const closing = await db
    .select({ id: cycles.id, name: cycles.name })
    .from(cycles)
    .where(and(eq(cycles.status, "collecting"), eq(cycles.closesOn, addDays(today, REMIND_DAYS_BEFORE_CLOSE))))
    .orderBy(cycles.createdAt, cycles.id);
  const results: ScheduledReminders[] = [];
  for (const cycle of closing) {
    try {
      const outcome = await sendReminders(db, { cycleId: cycle.id, today, ...delivery });
      results.push({ cycleId: cycle.id, cycleName: cycle.name, ...outcome });
    } catch (error) {
      // Closed by HR since the list was read: nothing to remind about.
      if (error instanceof Refusal && error.kind === "invalid") continue;
      throw error;
    }
  }
  return results;
}
