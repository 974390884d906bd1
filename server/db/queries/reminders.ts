import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { addDays, REMIND_DAYS_BEFORE_CLOSE, reminderMail } from "../../domain/reminders";
import type { Mailer } from "../../mail/types";
import type { Db } from "../engines";
import { databaseError } from "../errors";
import { queryRows } from "../rows";
import { cycles, reminders } from "../schema";
import { recordAudit } from "./audit";
import { CycleRuleError } from "./cycle-admin";

/** How reminders are delivered: the mailer, and the base of the link in them. */
export interface ReminderDelivery {
  mailer: Mailer;
  appUrl: string;
}

export interface ReminderOutcome {
  /** Reminded now. */
  sent: number;
  /** Had open requests but had already been reminded today (for this or another cycle). */
  skipped: number;
  /** The mail server refused the mail; they can be reminded again later today. */
  failed: number;
}

type CycleRow = {
  id: string;
  name: string;
  closes_on: string;
};

/** The cycle, share-locked so it cannot close while its reminders go out. */
async function lockCollectingCycle(db: Db, cycleId: string): Promise<CycleRow> {
  const [cycle] = await queryRows<CycleRow & { status: string }>(
    db,
    sql`select id, name, status, closes_on::text as closes_on from cycles where id = ${cycleId} for share`,
  );
  if (!cycle) throw new CycleRuleError("NOT_FOUND", "There is no such cycle.");
  if (cycle.status !== "collecting") {
    throw new CycleRuleError("BAD_REQUEST", `Reminders go out only while a cycle collects feedback, and “${cycle.name}” does not.`);
  }
  return cycle;
}

/** Each active rater's open requests (not started or drafted) about active
 *  people in the cycle: server/domain/reminders.ts `whoIsDue` in SQL, before
 *  the once-a-day rule. */
function openRequestsByRater(cycleId: string) {
  return sql`select a.rater_id, count(*)::int as open_requests, bool_or(a.relationship = 'self') as self_open
             from assignments a
             join people r on r.id = a.rater_id
             join people s on s.id = a.subject_id
             where a.cycle_id = ${cycleId} and a.status in ('pending', 'in_progress') and r.active and s.active
             group by a.rater_id`;
}

/** How many people a send would remind now, and how many it would skip as reminded today. */
export async function previewReminders(db: Db, cycleId: string, today: string): Promise<{ due: number; remindedToday: number }> {
  return db.transaction(async (tx) => {
    await lockCollectingCycle(tx, cycleId);
    const [row] = await queryRows<{ due: number; reminded_today: number }>(
      tx,
      sql`with open as (${openRequestsByRater(cycleId)})
          select count(*) filter (where m.person_id is null)::int as due,
                 count(m.person_id)::int as reminded_today
          from open o left join reminders m on m.person_id = o.rater_id and m.sent_on = ${today}`,
    );
    return { due: Number(row?.due ?? 0), remindedToday: Number(row?.reminded_today ?? 0) };
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
    const rows = await queryRows<{ rater_id: string; email: string; open_requests: number; self_open: boolean; claimed: boolean }>(
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
      if (!row.claimed) {
        outcome.skipped += 1;
        continue;
      }
      const text = reminderMail({
        cycleName: cycle.name,
        closesOn: cycle.closes_on,
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
        console.error(`Undercurrent: a reminder could not be sent (${(error as Error)?.message ?? String(error)})`);
        await tx.delete(reminders).where(and(eq(reminders.personId, row.rater_id), eq(reminders.sentOn, today)));
        outcome.failed += 1;
      }
    }
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
export async function sendScheduledReminders(db: Db, today: string, delivery: ReminderDelivery): Promise<ScheduledReminders[]> {
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
      if (error instanceof CycleRuleError && error.kind === "BAD_REQUEST") continue;
      throw error;
    }
  }
  return results;
}
