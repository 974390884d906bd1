/**
 * What the home page shows each person is their own, real data: every figure
 * here is checked against a direct SQL question of the same tables.
 */
import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { queryRows } from "../rows";
import { assignments, cycles, people } from "../schema";
import { seedDemoOrganisation } from "../seed/demo";
import { getCycleDetail } from "./cycle-admin";
import { listCycleSummaries } from "./cycles";
import { listFeedbackRequests, type RequestState } from "./inbox";
import { getTeamOverview } from "./team";

const TODAY = new Date("2026-11-28T12:00:00Z");
/** The day progress views are counted as of (./progress.ts). */
const DAY = { today: "2026-11-28" };

let database: TestDatabase;
let db: TestDatabase["db"];
let closedCycleId: string;
let collectingCycleId: string;
let everyone: { id: string; name: string; managerId: string | null; active: boolean }[];

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  const seeded = await seedDemoOrganisation(db, { people: 60, seed: 11, today: TODAY });
  [closedCycleId, collectingCycleId] = seeded.cycles.map((c) => c.cycleId) as [string, string];
  everyone = await db
    .select({ id: people.id, name: people.name, managerId: people.managerId, active: people.active })
    .from(people);
});
afterAll(async () => {
  await database?.destroy();
});

const expectedState: Record<string, RequestState> = {
  pending: "not_started",
  in_progress: "draft",
  submitted: "submitted",
  declined: "declined",
};

/** A rater's assignments in collecting cycles, straight from the tables. */
function collectingAssignmentsOf(raterId: string) {
  return queryRows<{ id: string; cycle_id: string; status: string; relationship: string; subject_id: string }>(
    db,
    sql`select a.id, a.cycle_id, a.status::text as status, a.relationship::text as relationship, a.subject_id
        from assignments a join cycles c on c.id = a.cycle_id
        where a.rater_id = ${raterId} and c.status = 'collecting'`,
  );
}

describe("listFeedbackRequests: the requests a person owes", () => {
  it("are exactly each rater's own assignments in collecting cycles, with states and progress right", async () => {
    const statesSeen = new Set<string>();
    let ratersWithClosedWork = 0;
    for (const person of everyone) {
      const inbox = await listFeedbackRequests(db, person.id);
      const expected = await collectingAssignmentsOf(person.id);
      const requests = inbox.flatMap((cycle) => cycle.requests);

      expect(requests.map((r) => r.assignmentId).sort()).toEqual(expected.map((a) => a.id).sort());
      expect(inbox.every((cycle) => cycle.cycleId === collectingCycleId)).toBe(true);

      const byId = new Map(expected.map((a) => [a.id, a]));
      for (const request of requests) {
        const row = byId.get(request.assignmentId)!;
        statesSeen.add(row.status);
        expect(request.state, `${row.status} assignment ${row.id}`).toBe(expectedState[row.status]);
        expect(request.relationship).toBe(row.relationship);
      }
      for (const cycle of inbox) {
        const rows = expected.filter((a) => a.cycle_id === cycle.cycleId);
        expect(cycle.progress).toEqual({
          total: rows.length,
          done: rows.filter((a) => a.status === "submitted" || a.status === "declined").length,
        });
        // Their own self-review leads, and it is the only self request.
        expect(cycle.requests[0]!.relationship).toBe("self");
        expect(cycle.requests[0]!.subjectName).toBe(person.name);
        expect(cycle.requests.filter((r) => r.relationship === "self")).toHaveLength(1);
      }

      const [closed] = await queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from assignments where rater_id = ${person.id} and cycle_id = ${closedCycleId}`,
      );
      if (closed!.n > 0) ratersWithClosedWork++;
    }
    // The check above meant something: every state occurred, and raters had closed-cycle work that stayed out.
    expect([...statesSeen].sort()).toEqual(["declined", "in_progress", "pending", "submitted"]);
    expect(ratersWithClosedWork).toBe(everyone.length);
  });

  it("name the subject of each request as the org chart does", async () => {
    const rater = everyone.find((p) => p.managerId !== null)!;
    const inbox = await listFeedbackRequests(db, rater.id);
    const expected = await collectingAssignmentsOf(rater.id);
    const subjects = await db
      .select({ id: people.id, name: people.name, title: people.title })
      .from(people)
      .where(
        inArray(
          people.id,
          expected.map((a) => a.subject_id),
        ),
      );
    const subjectOf = new Map(expected.map((a) => [a.id, subjects.find((s) => s.id === a.subject_id)!]));
    for (const request of inbox[0]!.requests) {
      const subject = subjectOf.get(request.assignmentId)!;
      expect([request.subjectName, request.subjectTitle]).toEqual([subject.name, subject.title]);
    }
  });

  it("leave out requests about someone who has been deactivated", async () => {
    const rater = everyone[0]!;
    const subjectId = (await collectingAssignmentsOf(rater.id)).find((a) => a.relationship !== "self")!.subject_id;
    await db.update(people).set({ active: false }).where(eq(people.id, subjectId));
    try {
      const inbox = await listFeedbackRequests(db, rater.id);
      expect(inbox.flatMap((c) => c.requests).length).toBe((await collectingAssignmentsOf(rater.id)).length - 1);
    } finally {
      await db.update(people).set({ active: true }).where(eq(people.id, subjectId));
    }
  });

  it("are empty for someone who owes nothing, and for an unknown person", async () => {
    await expect(listFeedbackRequests(db, "00000000-0000-4000-8000-000000000000")).resolves.toEqual([]);
  });

  it("group by cycle, soonest due first, and leave closed cycles out", async () => {
    const rater = everyone.find((p) => p.managerId !== null)!;
    const subject = everyone.find((p) => p.id !== rater.id && p.id !== rater.managerId)!;
    const [{ modelId }] = (await db
      .select({ modelId: cycles.modelId })
      .from(cycles)
      .where(eq(cycles.id, collectingCycleId))) as [{ modelId: string }];
    // A second collecting cycle due sooner (a pulse check), and a closed one with work still pending.
    const [pulse] = await db
      .insert(cycles)
      .values({ name: "Pulse check", status: "collecting", modelId, opensOn: "2026-11-01", closesOn: "2026-12-01" })
      .returning({ id: cycles.id });
    const [old] = await db
      .insert(cycles)
      .values({ name: "Old review", status: "closed", modelId, opensOn: "2025-01-01", closesOn: "2025-02-01" })
      .returning({ id: cycles.id });
    const [pulseRequest] = await db
      .insert(assignments)
      .values({
        cycleId: pulse!.id,
        subjectId: subject.id,
        raterId: rater.id,
        relationship: "peer",
        status: "in_progress",
        draft: {},
      })
      .returning({ id: assignments.id });
    await db
      .insert(assignments)
      .values({ cycleId: old!.id, subjectId: subject.id, raterId: rater.id, relationship: "peer", status: "pending" });

    const inbox = await listFeedbackRequests(db, rater.id);
    expect(inbox.map((c) => [c.cycleId, c.cycleName])).toEqual([
      [pulse!.id, "Pulse check"],
      [collectingCycleId, "Autumn 2026 review"],
    ]);
    expect(inbox[0]!.closesOn).toBe("2026-12-01");
    expect(inbox[0]!.requests).toEqual([
      {
        assignmentId: pulseRequest!.id,
        subjectName: subject.name,
        subjectTitle: expect.any(String),
        relationship: "peer",
        state: "draft",
      },
    ]);
    expect(inbox[0]!.progress).toEqual({ done: 0, total: 1 });
    // Still exactly the SQL answer, now over two collecting cycles.
    const expected = await collectingAssignmentsOf(rater.id);
    expect(inbox.flatMap((c) => c.requests.map((r) => r.assignmentId)).sort()).toEqual(
      expected.map((a) => a.id).sort(),
    );
  });
});

describe("getTeamOverview: a manager's team", () => {
  /** Active people below `rootId` at any depth, walking the chart in memory.
   *  The walk goes through someone deactivated: their reports are still below. */
  function activeBelow(rootId: string, chart: typeof everyone): number {
    const children = chart.filter((p) => p.managerId === rootId);
    return children.reduce((sum, child) => sum + (child.active ? 1 : 0) + activeBelow(child.id, chart), 0);
  }

  /** Whether `personId` is somewhere below `rootId`. */
  function isBelow(personId: string, rootId: string, chart: typeof everyone): boolean {
    for (let at = chart.find((p) => p.id === personId)?.managerId; at; at = chart.find((p) => p.id === at)?.managerId) {
      if (at === rootId) return true;
    }
    return false;
  }

  /** A manager (not the head of the organisation) whose team includes managers. */
  function managerOfManagers(chart: typeof everyone) {
    return chart.find(
      (m) => m.managerId !== null && chart.some((r) => r.managerId === m.id && chart.some((x) => x.managerId === r.id)),
    )!;
  }

  async function coverageFromSql(managerId: string, cycleId: string) {
    return queryRows<{
      subject_id: string;
      submitted: number;
      requested: number;
      manager_done: boolean;
      self_done: boolean;
    }>(
      db,
      sql`select a.subject_id,
                 count(*) filter (where a.relationship in ('peer', 'direct_report') and a.status = 'submitted')::int as submitted,
                 count(*) filter (where a.relationship in ('peer', 'direct_report') and a.status <> 'declined')::int as requested,
                 count(*) filter (where a.relationship = 'manager' and a.status = 'submitted') > 0 as manager_done,
                 count(*) filter (where a.relationship = 'self' and a.status = 'submitted') > 0 as self_done
          from assignments a join people s on s.id = a.subject_id
          where a.cycle_id = ${cycleId} and s.manager_id = ${managerId} and s.active
          group by a.subject_id`,
    );
  }

  it("lists exactly the active direct reports, with counts below each that match the chart", async () => {
    const chart = await db
      .select({ id: people.id, name: people.name, managerId: people.managerId, active: people.active })
      .from(people);
    // The head of the organisation: the deepest tree, so "below" reaches several levels.
    const manager = chart.find((p) => p.managerId === null)!;
    const overview = await getTeamOverview(db, { managerId: manager.id, ...DAY });

    const direct = chart.filter((p) => p.managerId === manager.id && p.active);
    expect(overview.members.map((m) => m.id).sort()).toEqual(direct.map((p) => p.id).sort());
    // Not the reports' reports.
    const indirect = chart.filter((p) => direct.some((d) => d.id === p.managerId));
    expect(indirect.length).toBeGreaterThan(0);
    expect(overview.members.some((m) => indirect.some((p) => p.id === m.id))).toBe(false);

    for (const member of overview.members) {
      expect(member.directReports).toBe(chart.filter((p) => p.managerId === member.id && p.active).length);
      expect(member.organisationBelow, member.name).toBe(activeBelow(member.id, chart));
    }
    expect(overview.members.some((m) => m.organisationBelow > m.directReports)).toBe(true);
  });

  it("counts submitted anonymous answers per report in the collecting cycle, as SQL does", async () => {
    const chart = await db
      .select({ id: people.id, name: people.name, managerId: people.managerId, active: people.active })
      .from(people);
    let compared = 0;
    for (const manager of chart.filter((m) => chart.some((r) => r.managerId === m.id))) {
      const overview = await getTeamOverview(db, { managerId: manager.id, ...DAY });
      expect(overview.coverage?.cycleId).toBe(collectingCycleId);
      expect(overview.coverage?.cycleName).toBe("Autumn 2026 review");
      const expected = await coverageFromSql(manager.id, collectingCycleId);
      for (const member of overview.members) {
        const row = expected.find((e) => e.subject_id === member.id)!;
        expect(overview.coverage!.byMember[member.id], member.name).toEqual({
          anonymousSubmitted: row.submitted,
          anonymousRequested: row.requested,
          managerDone: row.manager_done,
          selfDone: row.self_done,
        });
        compared++;
      }
    }
    expect(compared).toBe(chart.filter((p) => p.managerId !== null).length);
  });

  it("leaves out a deactivated report, and a deactivated person deeper down from the counts below", async () => {
    const chart = await db
      .select({ id: people.id, name: people.name, managerId: people.managerId, active: people.active })
      .from(people);
    // A direct report who leaves disappears from their manager's team.
    const manager = managerOfManagers(chart);
    const before = await getTeamOverview(db, { managerId: manager.id, ...DAY });
    const leaver = before.members.find((m) => m.directReports === 0)!;
    // Someone two levels below a department head leaves: the head's count below drops, their direct reports do not.
    const ceo = chart.find((p) => p.managerId === null)!;
    const headsBefore = await getTeamOverview(db, { managerId: ceo.id, ...DAY });
    const head = headsBefore.members.reduce((a, b) => (b.organisationBelow > a.organisationBelow ? b : a));
    const deepLeaver = chart.find(
      (p) =>
        p.id !== leaver.id &&
        chart.find((m) => m.id === p.managerId)?.managerId === head.id &&
        !chart.some((x) => x.managerId === p.id),
    )!;
    await db
      .update(people)
      .set({ active: false })
      .where(inArray(people.id, [leaver.id, deepLeaver.id]));
    try {
      const after = await getTeamOverview(db, { managerId: manager.id, ...DAY });
      expect(after.members.map((m) => m.id)).not.toContain(leaver.id);
      expect(after.members).toHaveLength(before.members.length - 1);

      const headAfter = (await getTeamOverview(db, { managerId: ceo.id, ...DAY })).members.find(
        (m) => m.id === head.id,
      )!;
      const leaverReportsToHead = chart.find((p) => p.id === leaver.id)!.managerId === head.id;
      expect(headAfter.directReports).toBe(head.directReports - (leaverReportsToHead ? 1 : 0));
      expect(headAfter.organisationBelow).toBe(head.organisationBelow - (isBelow(leaver.id, head.id, chart) ? 2 : 1));

      const updated = await db
        .select({ id: people.id, name: people.name, managerId: people.managerId, active: people.active })
        .from(people);
      for (const member of after.members) expect(member.organisationBelow).toBe(activeBelow(member.id, updated));
    } finally {
      await db
        .update(people)
        .set({ active: true })
        .where(inArray(people.id, [leaver.id, deepLeaver.id]));
    }
  });

  it("drops a deactivated report from the coverage too, and still counts the people below a deactivated manager", async () => {
    const chart = await db
      .select({ id: people.id, name: people.name, managerId: people.managerId, active: people.active })
      .from(people);
    const upper = managerOfManagers(chart);
    const middle = chart.find((r) => r.managerId === upper.id && chart.some((x) => x.managerId === r.id))!;
    const middleReports = chart.filter((p) => p.managerId === middle.id && p.active).length;
    const before = (await getTeamOverview(db, { managerId: upper.managerId!, ...DAY })).members.find(
      (m) => m.id === upper.id,
    )!;
    const upperBefore = await getTeamOverview(db, { managerId: upper.id, ...DAY });
    expect(upperBefore.coverage?.byMember[middle.id]).toBeDefined();

    await db.update(people).set({ active: false }).where(eq(people.id, middle.id));
    try {
      const upperAfter = await getTeamOverview(db, { managerId: upper.id, ...DAY });
      expect(upperAfter.members.map((m) => m.id)).not.toContain(middle.id);
      expect(upperAfter.coverage?.byMember[middle.id]).toBeUndefined();
      // Only the leaver stops counting; the team they left behind is still in the organisation.
      const after = (await getTeamOverview(db, { managerId: upper.managerId!, ...DAY })).members.find(
        (m) => m.id === upper.id,
      )!;
      expect(middleReports).toBeGreaterThan(0);
      expect(after.organisationBelow).toBe(before.organisationBelow - 1);
    } finally {
      await db.update(people).set({ active: true }).where(eq(people.id, middle.id));
    }
  });

  it("is empty for someone without reports: no members, no one's coverage", async () => {
    const loner = everyone.find((p) => !everyone.some((r) => r.managerId === p.id))!;
    const overview = await getTeamOverview(db, { managerId: loner.id, ...DAY });
    expect(overview.members).toEqual([]);
    expect(overview.coverage?.byMember).toEqual({});
  });
});

describe("listCycleSummaries: response counts for HR", () => {
  it("match SQL counts per cycle and status, and departments add up to the totals", async () => {
    const [{ modelId }] = (await db
      .select({ modelId: cycles.modelId })
      .from(cycles)
      .where(eq(cycles.id, collectingCycleId))) as [{ modelId: string }];
    // A draft cycle with no requests yet is listed too, with zeros.
    const [draft] = await db
      .insert(cycles)
      .values({ name: "Next spring", status: "draft", modelId, opensOn: "2027-03-01", closesOn: "2027-03-31" })
      .returning({ id: cycles.id });

    const summaries = await listCycleSummaries(db, DAY);
    const allCycles = await db.select({ id: cycles.id }).from(cycles);
    expect(summaries.map((s) => s.id).sort()).toEqual(allCycles.map((c) => c.id).sort());
    expect(summaries[0]!.id).toBe(draft!.id); // newest first

    const counts = await queryRows<{ cycle_id: string; status: string; n: number }>(
      db,
      sql`select cycle_id, status::text as status, count(*)::int as n from assignments group by 1, 2`,
    );
    const subjects = await queryRows<{ cycle_id: string; n: number }>(
      db,
      sql`select cycle_id, count(distinct subject_id)::int as n from assignments group by 1`,
    );
    const n = (cycleId: string, status: string) =>
      counts.find((c) => c.cycle_id === cycleId && c.status === status)?.n ?? 0;

    for (const summary of summaries) {
      expect(summary.requests, summary.name).toEqual({
        total: counts.filter((c) => c.cycle_id === summary.id).reduce((sum, c) => sum + c.n, 0),
        submitted: n(summary.id, "submitted"),
        inProgress: n(summary.id, "in_progress"),
        notStarted: n(summary.id, "pending"),
        declined: n(summary.id, "declined"),
      });
      expect(summary.subjects).toBe(subjects.find((s) => s.cycle_id === summary.id)?.n ?? 0);

      // Departments add up to the same totals on the cycle's own page, where HR reads them.
      const { byDepartment } = await getCycleDetail(db, { cycleId: summary.id, today: DAY.today });
      const sum = (key: "total" | "submitted" | "inProgress" | "notStarted" | "declined" | "participants") =>
        byDepartment.reduce((total, d) => total + d[key], 0);
      expect({
        total: sum("total"),
        submitted: sum("submitted"),
        inProgress: sum("inProgress"),
        notStarted: sum("notStarted"),
        declined: sum("declined"),
      }).toEqual(summary.requests);
      if (summary.requests.total > 0) expect(sum("participants")).toBe(summary.subjects);
      expect(new Set(byDepartment.map((d) => d.department)).size).toBe(byDepartment.length);
    }

    const draftSummary = summaries.find((s) => s.id === draft!.id)!;
    expect(draftSummary.requests).toEqual({ total: 0, submitted: 0, inProgress: 0, notStarted: 0, declined: 0 });
    expect(
      (await getCycleDetail(db, { cycleId: draft!.id, today: DAY.today })).byDepartment.every((d) => d.total === 0),
    ).toBe(true);
    const collecting = summaries.find((s) => s.id === collectingCycleId)!;
    expect(collecting.requests.total).toBeGreaterThan(0);
    expect(
      (await getCycleDetail(db, { cycleId: collectingCycleId, today: DAY.today })).byDepartment.length,
    ).toBeGreaterThanOrEqual(3);
  });
});
