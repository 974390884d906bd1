/**
 * Reminders on a seeded organisation: who gets one, at most once a day per
 * person even when two sends race, what the mails say (never a name), the
 * scheduled run three days before close, and HR sending through the API.
 */
import { TRPCError } from "@trpc/server";
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "@/server/api/root";
import { addDays, isoDay, type RequestForReminder, whoIsDue } from "@/server/domain/reminders";
import { outboxMailer } from "@/server/mail/outbox";
import type { Mailer } from "@/server/mail/types";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { queryRows } from "../rows";
import {
  assignments,
  auditLog,
  cycles,
  outbox,
  people,
  progressSnapshotCounts,
  progressSnapshots,
  reminders,
} from "../schema";
import { seedDemoOrganisation } from "../seed/demo";
import { findActiveViewer, type Viewer } from "./people";
import { previewReminders, sendReminders, sendScheduledReminders } from "./reminders";

const TODAY = new Date("2026-11-28T12:00:00Z");
const APP_URL = "https://feedback.example.com";
const delivery = { mailer: outboxMailer, appUrl: APP_URL };

let database: TestDatabase;
let db: TestDatabase["db"];
let collectingCycleId: string;
let closedCycleId: string;
let closesOn: string;
/** Each test sends on its own day, so tests do not share the once-a-day limit;
 *  the days around the scheduled run's are left to it. */
let nextDay = 0;
function freshDay(): string {
  for (;;) {
    const day = addDays(isoDay(TODAY), nextDay++);
    if (day < addDays(closesOn, -5) || day > addDays(closesOn, -1)) return day;
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  const seeded = await seedDemoOrganisation(db, { people: 60, seed: 11, today: TODAY });
  [closedCycleId, collectingCycleId] = seeded.cycles.map((c) => c.cycleId) as [string, string];
  const [cycle] = await db.select({ closesOn: cycles.closesOn }).from(cycles).where(eq(cycles.id, collectingCycleId));
  closesOn = cycle!.closesOn;
});
afterAll(async () => {
  await database?.destroy();
});

/** The cycle's requests as the domain function reads them. */
async function requestsOf(cycleId: string): Promise<RequestForReminder[]> {
  const rows = await queryRows<{
    rater_id: string;
    rater_active: boolean;
    subject_active: boolean;
    relationship: RequestForReminder["relationship"];
    status: RequestForReminder["status"];
  }>(
    db,
    sql`select a.rater_id, r.active as rater_active, s.active as subject_active, a.relationship, a.status
        from assignments a join people r on r.id = a.rater_id join people s on s.id = a.subject_id
        where a.cycle_id = ${cycleId}`,
  );
  return rows.map((r) => ({
    raterId: r.rater_id,
    raterActive: r.rater_active,
    subjectActive: r.subject_active,
    relationship: r.relationship,
    status: r.status,
  }));
}

async function remindedOn(day: string): Promise<string[]> {
  const rows = await db.select({ id: reminders.personId }).from(reminders).where(eq(reminders.sentOn, day));
  return rows.map((r) => r.id).sort();
}

async function emailsOf(ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.select({ email: people.email }).from(people).where(inArray(people.id, ids));
  return rows.map((r) => r.email).sort();
}

async function outboxCount(): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from outbox`);
  return Number(row!.n);
}

describe("who gets a reminder", () => {
  it("is exactly whoIsDue: active people with open requests about active people", async () => {
    const day = freshDay();
    const expected = whoIsDue(await requestsOf(collectingCycleId), new Set());
    expect(expected.length).toBeGreaterThan(10);
    await expect(previewReminders(db, { cycleId: collectingCycleId, today: day })).resolves.toEqual({
      due: expected.length,
      remindedToday: 0,
      countedOn: day,
    });

    const before = await outboxCount();
    const outcome = await sendReminders(db, { cycleId: collectingCycleId, today: day, ...delivery });
    expect(outcome).toEqual({ sent: expected.length, skipped: 0, failed: 0 });
    expect(await remindedOn(day)).toEqual(expected.map((d) => d.raterId).sort());
    expect(await outboxCount()).toBe(before + expected.length);
  });

  it("leaves out people with nothing open, people who have left, and requests about people who have left", async () => {
    const due = whoIsDue(await requestsOf(collectingCycleId), new Set());
    // Three raters with open requests: one declines the rest, one leaves, and
    // the one whose requests are about a single colleague sees that colleague leave.
    const openOf = (raterId: string) =>
      db
        .select({
          id: assignments.id,
          status: assignments.status,
          subjectId: assignments.subjectId,
          relationship: assignments.relationship,
        })
        .from(assignments)
        .where(
          and(
            eq(assignments.cycleId, collectingCycleId),
            eq(assignments.raterId, raterId),
            inArray(assignments.status, ["pending", "in_progress"]),
          ),
        );
    const [decliner, leaver] = [due[0]!.raterId, due[1]!.raterId];
    const declined = await openOf(decliner);
    let colleagueGone: { raterId: string; subjectId: string } | null = null;
    for (const d of due.slice(2)) {
      const open = await openOf(d.raterId);
      const subjects = new Set(open.map((a) => a.subjectId));
      if (subjects.size === 1 && open[0]!.relationship !== "self" && ![decliner, leaver].includes(open[0]!.subjectId)) {
        colleagueGone = { raterId: d.raterId, subjectId: open[0]!.subjectId };
        break;
      }
    }
    expect(colleagueGone, "the seed has someone asked about one colleague only").not.toBeNull();
    const leaving = [leaver, colleagueGone!.subjectId];
    await db
      .update(assignments)
      .set({ status: "declined" })
      .where(
        inArray(
          assignments.id,
          declined.map((a) => a.id),
        ),
      );
    await db.update(people).set({ active: false }).where(inArray(people.id, leaving));
    try {
      const day = freshDay();
      const expected = whoIsDue(await requestsOf(collectingCycleId), new Set());
      await sendReminders(db, { cycleId: collectingCycleId, today: day, ...delivery });
      const reminded = await remindedOn(day);
      expect(reminded).toEqual(expected.map((d) => d.raterId).sort());
      for (const id of [decliner, leaver, colleagueGone!.raterId]) expect(reminded).not.toContain(id);
      expect(reminded.length).toBeGreaterThan(0);
    } finally {
      await db.update(people).set({ active: true }).where(inArray(people.id, leaving));
      for (const a of declined) await db.update(assignments).set({ status: a.status }).where(eq(assignments.id, a.id));
    }
  });

  it("refuses a cycle that is not collecting, and one that does not exist, sending nothing", async () => {
    const day = freshDay();
    const before = await outboxCount();
    await expect(sendReminders(db, { cycleId: closedCycleId, today: day, ...delivery })).rejects.toMatchObject({
      kind: "invalid",
      message: expect.stringContaining("only while a cycle collects feedback"),
    });
    await expect(
      sendReminders(db, { cycleId: "00000000-0000-4000-8000-000000000000", today: day, ...delivery }),
    ).rejects.toMatchObject({
      kind: "not_found",
    });
    await expect(previewReminders(db, { cycleId: closedCycleId, today: day })).rejects.toMatchObject({
      kind: "invalid",
    });
    expect(await remindedOn(day)).toEqual([]);
    expect(await outboxCount()).toBe(before);
  });
});

describe("at most one reminder per person per day", () => {
  it("sends once per person when HR sends twice the same day", async () => {
    const day = freshDay();
    const first = await sendReminders(db, { cycleId: collectingCycleId, today: day, ...delivery });
    const before = await outboxCount();
    const second = await sendReminders(db, { cycleId: collectingCycleId, today: day, ...delivery });
    expect(first.sent).toBeGreaterThan(0);
    expect(second).toEqual({ sent: 0, skipped: first.sent, failed: 0 });
    expect(await outboxCount()).toBe(before);
    await expect(previewReminders(db, { cycleId: collectingCycleId, today: day })).resolves.toEqual({
      due: 0,
      remindedToday: first.sent,
      countedOn: day,
    });
  });

  it("sends once per person when two sends run at once", async () => {
    const day = freshDay();
    const due = (await previewReminders(db, { cycleId: collectingCycleId, today: day })).due;
    const before = await outboxCount();
    const [a, b] = await Promise.all([
      sendReminders(db, { cycleId: collectingCycleId, today: day, ...delivery }),
      sendReminders(db, { cycleId: collectingCycleId, today: day, ...delivery }),
    ]);
    expect(a.sent + b.sent).toBe(due);
    expect(a.skipped + b.skipped).toBe(due);
    expect((await remindedOn(day)).length).toBe(due);
    expect(await outboxCount()).toBe(before + due);
    // Each recipient got exactly one mail.
    const recent = await db
      .select({ to: outbox.to })
      .from(outbox)
      .orderBy(sql`${outbox.id} desc`)
      .limit(due);
    expect(new Set(recent.map((m) => m.to)).size).toBe(due);
  });

  it("sends again the next day", async () => {
    const day = freshDay();
    const first = await sendReminders(db, { cycleId: collectingCycleId, today: day, ...delivery });
    const next = await sendReminders(db, { cycleId: collectingCycleId, today: addDays(day, 1), ...delivery });
    nextDay++; // that day is used now
    expect(next.sent).toBe(first.sent);
    expect(next.skipped).toBe(0);
  });

  it("counts a reminder for another cycle the same day: one a day in all", async () => {
    const day = freshDay();
    const [somebody] = whoIsDue(await requestsOf(collectingCycleId), new Set());
    await db.insert(reminders).values({ personId: somebody!.raterId, cycleId: closedCycleId, sentOn: day });
    const outcome = await sendReminders(db, { cycleId: collectingCycleId, today: day, ...delivery });
    expect(outcome.skipped).toBe(1);
    expect(await remindedOn(day)).toContain(somebody!.raterId);
  });

  it("releases the claim of a mail the mail server refused, so it can be sent later that day", async () => {
    const day = freshDay();
    const refusing: Mailer = {
      delivery: "smtp",
      send: async () => {
        throw new Error("421 try again later");
      },
    };
    const due = (await previewReminders(db, { cycleId: collectingCycleId, today: day })).due;
    const quiet = console.error;
    console.error = () => {};
    try {
      await expect(
        sendReminders(db, { cycleId: collectingCycleId, today: day, mailer: refusing, appUrl: APP_URL }),
      ).resolves.toEqual({
        sent: 0,
        skipped: 0,
        failed: due,
      });
    } finally {
      console.error = quiet;
    }
    expect(await remindedOn(day)).toEqual([]);
    await expect(sendReminders(db, { cycleId: collectingCycleId, today: day, ...delivery })).resolves.toEqual({
      sent: due,
      skipped: 0,
      failed: 0,
    });
  });
});

describe("what HR's reminders card reads", () => {
  it("moves once a day and with the sends, never the moment someone answers", async () => {
    const day = freshDay();
    const [finisher, other] = whoIsDue(await requestsOf(collectingCycleId), new Set());
    const before = await previewReminders(db, { cycleId: collectingCycleId, today: day });
    expect(before.due).toBeGreaterThan(1);
    const open = await db
      .select({ id: assignments.id, status: assignments.status })
      .from(assignments)
      .where(
        and(
          eq(assignments.cycleId, collectingCycleId),
          eq(assignments.raterId, finisher!.raterId),
          inArray(assignments.status, ["pending", "in_progress"]),
        ),
      );
    // One rater finishes everything: the card says nothing of it today…
    await db
      .update(assignments)
      .set({ status: "declined" })
      .where(
        inArray(
          assignments.id,
          open.map((a) => a.id),
        ),
      );
    try {
      await expect(previewReminders(db, { cycleId: collectingCycleId, today: day })).resolves.toEqual(before);
      // …nor does a second send the same day, which counts everyone reminded earlier, finished or not.
      await db.insert(reminders).values({ personId: other!.raterId, cycleId: collectingCycleId, sentOn: day });
      const first = await sendReminders(db, { cycleId: collectingCycleId, today: day, ...delivery });
      expect(first.sent).toBe(before.due - 2);
      await db
        .update(assignments)
        .set({ status: "declined" })
        .where(
          and(
            eq(assignments.cycleId, collectingCycleId),
            eq(assignments.raterId, other!.raterId),
            inArray(assignments.status, ["pending", "in_progress"]),
          ),
        );
      const again = await sendReminders(db, { cycleId: collectingCycleId, today: day, ...delivery });
      expect(again).toEqual({ sent: 0, skipped: first.sent + 1, failed: 0 });
      // The next day's count has them both finished.
      const next = await previewReminders(db, { cycleId: collectingCycleId, today: addDays(day, 1) });
      nextDay++;
      expect(next).toEqual({ due: before.due - 2, remindedToday: 0, countedOn: addDays(day, 1) });
    } finally {
      for (const a of open) await db.update(assignments).set({ status: a.status }).where(eq(assignments.id, a.id));
      // Later tests count on earlier days: forget the counts taken here, with two people finished.
      await db.delete(progressSnapshotCounts).where(eq(progressSnapshotCounts.cycleId, collectingCycleId));
      await db.delete(progressSnapshots).where(eq(progressSnapshots.cycleId, collectingCycleId));
    }
  });
});

describe("the mails", () => {
  it("go to the outbox one per reminder, with the count, the closing day and the link, and name nobody", async () => {
    await db.delete(outbox);
    const day = freshDay();
    const expected = whoIsDue(await requestsOf(collectingCycleId), new Set());
    const outcome = await sendReminders(db, { cycleId: collectingCycleId, today: day, ...delivery });
    const mails = await db.select().from(outbox);
    expect(mails.length).toBe(outcome.sent);
    expect(mails.map((m) => m.to).sort()).toEqual(await emailsOf(expected.map((d) => d.raterId)));
    expect(new Set(mails.map((m) => m.kind))).toEqual(new Set(["reminder"]));

    const names = (await db.select({ name: people.name }).from(people)).map((p) => p.name);
    const emailOf = new Map(
      (await db.select({ id: people.id, email: people.email }).from(people)).map((p) => [p.email, p.id]),
    );
    const closingWords = new Date(`${closesOn}T00:00:00Z`).getUTCFullYear().toString();
    for (const mail of mails) {
      const open = expected.find((d) => d.raterId === emailOf.get(mail.to))!;
      expect(mail.text).toContain(
        open.openRequests === 1 && open.selfReviewOpen ? "Your self-review" : `${open.openRequests} feedback request`,
      );
      expect(mail.text).toContain(closingWords);
      expect(mail.text).toContain(`Open your requests: ${APP_URL}/`);
      for (const name of names) {
        expect(mail.text, `a mail to ${mail.to} names ${name}`).not.toContain(name);
        expect(mail.subject).not.toContain(name);
        // Not even a surname on its own.
        const surname = name.split(" ").at(-1)!;
        expect(mail.text).not.toMatch(new RegExp(`\\b${surname}\\b`));
      }
    }
  });
});

describe("the scheduled run", () => {
  it("reminds only for cycles closing in exactly three days, once a day however often it runs", async () => {
    const threeBefore = addDays(closesOn, -3);
    expect(await sendScheduledReminders(db, { today: addDays(closesOn, -4), ...delivery })).toEqual([]);
    expect(await sendScheduledReminders(db, { today: addDays(closesOn, -2), ...delivery })).toEqual([]);
    expect(await remindedOn(addDays(closesOn, -4))).toEqual([]);

    const due = (await previewReminders(db, { cycleId: collectingCycleId, today: threeBefore })).due;
    const [run] = await sendScheduledReminders(db, { today: threeBefore, ...delivery });
    expect(run).toMatchObject({ cycleId: collectingCycleId, sent: due, skipped: 0, failed: 0 });
    const again = await sendScheduledReminders(db, { today: threeBefore, ...delivery });
    expect(again).toEqual([expect.objectContaining({ cycleId: collectingCycleId, sent: 0, skipped: due })]);
  });

  it("passes over a cycle closing in three days that is no longer collecting", async () => {
    const day = addDays(closesOn, -40);
    // The closed cycle, made to close three days from `day`.
    await db
      .update(cycles)
      .set({ closesOn: addDays(day, 3) })
      .where(eq(cycles.id, closedCycleId));
    expect(await sendScheduledReminders(db, { today: day, ...delivery })).toEqual([]);
  });
});

describe("through the API", () => {
  let hr: Viewer;
  let employee: Viewer;
  beforeAll(async () => {
    const everyone = await db.select({ id: people.id }).from(people);
    const viewers = (await Promise.all(everyone.map((p) => findActiveViewer(db, p.id)))).filter(
      (v): v is Viewer => v !== null,
    );
    hr = viewers.find((v) => v.roles.hr)!;
    employee = viewers.find((v) => !v.roles.hr && !v.roles.admin && !v.roles.manager)!;
  });
  const callerFor = (viewer: Viewer) =>
    appRouter.createCaller({
      db,
      user: { id: viewer.id, name: viewer.name, email: viewer.email, roles: viewer.roles },
      headers: new Headers(),
    });

  it("previews and sends for today, writes the counts to the audit log, and refuses a closed cycle with a 400", async () => {
    const today = isoDay(new Date());
    await db.delete(reminders).where(eq(reminders.sentOn, today));
    const preview = await callerFor(hr).reminders.preview({ cycleId: collectingCycleId });
    expect(preview).toMatchObject({ due: expect.any(Number), remindedToday: 0, delivery: "outbox" });
    const result = await callerFor(hr).reminders.send({ cycleId: collectingCycleId });
    expect(result).toEqual({ sent: preview.due, skipped: 0, failed: 0 });
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.action, "reminders.send"));
    expect(entry).toMatchObject({
      actorId: hr.id,
      cycleId: collectingCycleId,
      details: { sent: preview.due, skipped: 0, failed: 0 },
    });

    const refusal = await callerFor(hr)
      .reminders.send({ cycleId: closedCycleId })
      .catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(TRPCError);
    expect((refusal as TRPCError).code).toBe("BAD_REQUEST");
    await expect(callerFor(employee).reminders.send({ cycleId: collectingCycleId })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("lists the outbox newest first, a page at a time", async () => {
    const caller = callerFor(hr);
    const first = await caller.outbox.list({ limit: 5 });
    expect(first.mails.length).toBe(5);
    expect(first.more).toBe(true);
    const ids = first.mails.map((m) => m.id);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
    const second = await caller.outbox.list({ limit: 5, before: ids.at(-1)! });
    expect(Math.max(...second.mails.map((m) => m.id))).toBeLessThan(Math.min(...ids));
  });
});
