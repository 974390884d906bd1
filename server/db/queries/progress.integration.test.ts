/**
 * Progress while a cycle collects changes once a day, so that nobody who
 * watches it can tell when a colleague answered: a submit, a decline or a
 * draft shows nowhere a manager or HR looks until the next day's count.
 * "Today" is a parameter here, never the wall clock.
 */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "@/server/api/root";
import type { ContextUser } from "@/server/api/trpc";
import type { Answers } from "../../../lib/answers";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { queryRows } from "../rows";
import { assignments, people, progressSnapshotCounts, progressSnapshots } from "../schema";
import { seedDemoOrganisation } from "../seed/demo";
import { closeCycle } from "./close-cycle";
import { getCycleDetail } from "./cycle-admin";
import { listCycleSummaries } from "./cycles";
import { findActiveViewer } from "./people";
import { forgetFinishedProgressCounts } from "./progress";
import { getTeamOverview } from "./team";

const DAY_ONE = "2026-11-28";
const DAY_TWO = "2026-11-29";
const DAY_THREE = "2026-11-30";

let database: TestDatabase;
let db: TestDatabase["db"];
let collectingCycleId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  const seeded = await seedDemoOrganisation(db, { people: 60, seed: 31, today: new Date(`${DAY_ONE}T09:00:00Z`) });
  collectingCycleId = seeded.cycles[1]!.cycleId;
});
afterAll(async () => {
  await database?.destroy();
});

async function callerFor(personId: string) {
  const viewer = (await findActiveViewer(db, personId))!;
  const user: ContextUser = { id: viewer.id, name: viewer.name, email: viewer.email, roles: viewer.roles };
  return appRouter.createCaller({ db, user, headers: new Headers() });
}

async function completeAnswers(assignmentId: string, raterId: string): Promise<Answers> {
  const form = await (await callerFor(raterId)).requests.form({ assignmentId });
  const statements = form.sections.flatMap((s) => s.statements);
  return {
    ratings: Object.fromEntries(statements.map((st, i) => [st.id, ((i % 5) + 1) as 1 | 2 | 3 | 4 | 5])),
    comments: {},
  };
}

/** A subject with a manager and at least three untouched anonymous requests, and those requests. */
async function subjectWithOpenAnonymousRequests() {
  const [row] = await queryRows<{ subject_id: string; manager_id: string }>(
    db,
    sql`select a.subject_id, s.manager_id from assignments a join people s on s.id = a.subject_id
        where a.cycle_id = ${collectingCycleId} and a.relationship in ('peer', 'direct_report') and a.status = 'pending'
          and s.manager_id is not null and s.active
        group by a.subject_id, s.manager_id having count(*) >= 3
        order by a.subject_id limit 1`,
  );
  const requests = await db
    .select()
    .from(assignments)
    .where(
      and(
        eq(assignments.cycleId, collectingCycleId),
        eq(assignments.subjectId, row!.subject_id),
        eq(assignments.status, "pending"),
      ),
    );
  return {
    subjectId: row!.subject_id,
    managerId: row!.manager_id,
    requests: requests.filter((r) => r.relationship === "peer" || r.relationship === "direct_report"),
  };
}

/** Everything a manager and HR see of the collecting cycle's progress, as of `today`. */
async function whatWatchersSee(managerId: string, today: string) {
  const team = await getTeamOverview(db, { managerId, today });
  const summary = (await listCycleSummaries(db, { today })).find((c) => c.id === collectingCycleId)!;
  const detail = await getCycleDetail(db, { cycleId: collectingCycleId, today });
  return {
    team: team.coverage,
    summary: { requests: summary.requests, subjects: summary.subjects, countedOn: summary.countedOn },
    detail: {
      requests: detail.requests,
      byDepartment: detail.byDepartment,
      warnings: detail.warnings,
      countedOn: detail.countedOn,
    },
  };
}

describe("progress while a cycle collects", () => {
  it("does not change for a submit, a decline or a draft until the next day's count, which shows them all", async () => {
    const { subjectId, managerId, requests } = await subjectWithOpenAnonymousRequests();
    const [toSubmit, toDecline, toDraft] = requests as [
      (typeof requests)[0],
      (typeof requests)[0],
      (typeof requests)[0],
    ];
    const before = await whatWatchersSee(managerId, DAY_ONE);
    expect(before.team!.countedOn).toBe(DAY_ONE);
    expect(before.summary.countedOn).toBe(DAY_ONE);
    expect(before.detail.countedOn).toBe(DAY_ONE);

    // Three anonymous raters act during the day.
    const answers = await completeAnswers(toSubmit.id, toSubmit.raterId);
    await (await callerFor(toSubmit.raterId)).requests.submit({ assignmentId: toSubmit.id, answers });
    await (await callerFor(toDecline.raterId)).requests.decline({ assignmentId: toDecline.id, reason: null });
    await (
      await callerFor(toDraft.raterId)
    ).requests.saveDraft({
      assignmentId: toDraft.id,
      answers: { ratings: Object.fromEntries(Object.entries(answers.ratings).slice(0, 2)), comments: {} },
      basedOnVersion: 0,
    });

    // The same day, nothing anyone watches has moved, not even by one.
    expect(await whatWatchersSee(managerId, DAY_ONE)).toEqual(before);

    // The next day's count has all three, at once.
    const after = await whatWatchersSee(managerId, DAY_TWO);
    expect(after.team!.countedOn).toBe(DAY_TWO);
    const was = before.team!.byMember[subjectId]!;
    expect(after.team!.byMember[subjectId]).toEqual({
      ...was,
      anonymousSubmitted: was.anonymousSubmitted + 1,
      anonymousRequested: was.anonymousRequested - 1,
    });
    expect(after.summary.requests).toEqual({
      total: before.summary.requests.total,
      submitted: before.summary.requests.submitted + 1,
      inProgress: before.summary.requests.inProgress + 1,
      notStarted: before.summary.requests.notStarted - 3,
      declined: before.summary.requests.declined + 1,
    });
    expect(after.detail.requests).toEqual(after.summary.requests);
    expect(after.detail.countedOn).toBe(DAY_TWO);
  });

  it("shows the manager's own review and the self-review at once: their raters are named anyway", async () => {
    const [own] = await db
      .select()
      .from(assignments)
      .where(
        and(
          eq(assignments.cycleId, collectingCycleId),
          eq(assignments.relationship, "manager"),
          eq(assignments.status, "pending"),
        ),
      )
      .limit(1);
    const before = await getTeamOverview(db, { managerId: own!.raterId, today: DAY_TWO });
    expect(before.coverage!.byMember[own!.subjectId]!.managerDone).toBe(false);
    await (
      await callerFor(own!.raterId)
    ).requests.submit({ assignmentId: own!.id, answers: await completeAnswers(own!.id, own!.raterId) });
    const after = await getTeamOverview(db, { managerId: own!.raterId, today: DAY_TWO });
    expect(after.coverage!.byMember[own!.subjectId]).toEqual({
      ...before.coverage!.byMember[own!.subjectId]!,
      managerDone: true,
    });
  });

  it("is counted once a day however many look at once, and only the latest day is kept", async () => {
    const manager = (
      await db
        .select({ id: people.managerId })
        .from(people)
        .where(sql`${people.managerId} is not null`)
        .limit(1)
    )[0]!.id!;
    const views = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        i % 2 === 0
          ? getTeamOverview(db, { managerId: manager, today: DAY_THREE })
          : getCycleDetail(db, { cycleId: collectingCycleId, today: DAY_THREE }),
      ),
    );
    expect(views.every((v) => ("coverage" in v ? v.coverage!.countedOn : v.countedOn) === DAY_THREE)).toBe(true);

    const days = await db.select().from(progressSnapshots).where(eq(progressSnapshots.cycleId, collectingCycleId));
    expect(days.map((d) => d.countedOn)).toEqual([DAY_THREE]);
    const [groups] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from (select distinct subject_id, relationship from assignments where cycle_id = ${collectingCycleId}) g`,
    );
    const counts = await db
      .select()
      .from(progressSnapshotCounts)
      .where(eq(progressSnapshotCounts.cycleId, collectingCycleId));
    expect(counts).toHaveLength(Number(groups!.n));
    expect(new Set(counts.map((c) => c.countedOn))).toEqual(new Set([DAY_THREE]));

    // Asking again about an earlier day changes nothing: the later count stands.
    expect((await getCycleDetail(db, { cycleId: collectingCycleId, today: DAY_TWO })).countedOn).toBe(DAY_THREE);
  });

  it("is read from the requests once the cycle closes, and the cycle's daily counts are then forgotten", async () => {
    const { requests } = await subjectWithOpenAnonymousRequests();
    const late = requests[0]!;
    await (
      await callerFor(late.raterId)
    ).requests.submit({ assignmentId: late.id, answers: await completeAnswers(late.id, late.raterId) });
    const counted = await getCycleDetail(db, { cycleId: collectingCycleId, today: DAY_THREE });

    await closeCycle(db, { cycleId: collectingCycleId });
    const closed = await getCycleDetail(db, { cycleId: collectingCycleId, today: DAY_THREE });
    expect(closed.countedOn).toBeNull();
    // Nothing can change any more, so the last day's submit shows.
    expect(closed.requests.submitted).toBe(counted.requests.submitted + 1);
    const [live] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from assignments where cycle_id = ${collectingCycleId} and status = 'submitted'`,
    );
    expect(closed.requests.submitted).toBe(Number(live!.n));

    await forgetFinishedProgressCounts(db);
    expect(await db.select().from(progressSnapshots).where(eq(progressSnapshots.cycleId, collectingCycleId))).toEqual(
      [],
    );
    expect(
      await db.select().from(progressSnapshotCounts).where(eq(progressSnapshotCounts.cycleId, collectingCycleId)),
    ).toEqual([]);
  });
});
