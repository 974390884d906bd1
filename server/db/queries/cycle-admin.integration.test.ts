/**
 * Running a cycle as HR does, through the API: creating one (and the inputs
 * that must be refused), the one-way path through its states, the requests
 * generated when collection starts (checked person by person against the org
 * chart and the nominations), the k warnings, and the progress counts
 * (checked against SQL).
 */
import { TRPCError } from "@trpc/server";
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "@/server/api/root";
import type { ContextUser } from "@/server/api/trpc";
import { anonymousOutcome } from "@/server/domain/assignment-plan";
import { addDays, isoDay } from "@/server/domain/reminders";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { expectDatabaseRefusal } from "@/test/expect-database-error";
import { queryRows } from "../rows";
import { assignments, auditLog, competencyModels, cycles, nominations, people } from "../schema";
import { seedDemoOrganisation } from "../seed/demo";
import { drainPublishJobs } from "../../publish/run-job";
import { advanceCycle, getCycleDetail } from "./cycle-admin";
import { findActiveViewer, type Viewer } from "./people";
import type { NominationStatus } from "../../../lib/vocabulary";

const TODAY = new Date("2026-11-28T12:00:00Z");
const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";

type Person = { id: string; name: string; department: string; managerId: string | null; active: boolean };

let database: TestDatabase;
let db: TestDatabase["db"];
let collectingCycleId: string;
let closedCycleId: string;
let everyone: Person[];
let hr: Viewer;
let employee: Viewer;
let manager: Viewer;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  const seeded = await seedDemoOrganisation(db, { people: 60, seed: 11, today: TODAY });
  [closedCycleId, collectingCycleId] = seeded.cycles.map((c) => c.cycleId) as [string, string];
  everyone = await loadPeople();
  const viewers = (await Promise.all(everyone.map((p) => findActiveViewer(db, p.id)))).filter(
    (v): v is Viewer => v !== null,
  );
  hr = viewers.find((v) => v.roles.hr && !v.roles.admin)!;
  employee = viewers.find((v) => !v.roles.hr && !v.roles.admin && !v.roles.manager)!;
  manager = viewers.find((v) => !v.roles.hr && !v.roles.admin && v.roles.manager)!;
});
afterAll(async () => {
  await database?.destroy();
});

function loadPeople(): Promise<Person[]> {
  return db
    .select({
      id: people.id,
      name: people.name,
      department: people.department,
      managerId: people.managerId,
      active: people.active,
    })
    .from(people);
}

function callerFor(viewer: Viewer) {
  const user: ContextUser = { id: viewer.id, name: viewer.name, email: viewer.email, roles: viewer.roles };
  return appRouter.createCaller({ db, user, headers: new Headers() });
}
const asHr = () => callerFor(hr);

/** Publishes as the app does: HR queues the job, a server's worker runs it. */
async function publish(cycleId: string) {
  const queued = await asHr().cycles.publish({ cycleId });
  const outcomes = await drainPublishJobs(db, { worker: "cycle-admin test" });
  return { queued, outcomes, status: await asHr().cycles.publishStatus({ cycleId }) };
}

async function refusal(call: Promise<unknown>): Promise<TRPCError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, "the call should have been refused").toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

/** The field errors the client receives (the errorFormatter's `fieldErrors`). */
function fieldErrorsOf(error: TRPCError): Record<string, string[] | undefined> {
  const shape = appRouter._def._config.errorFormatter({
    error,
    type: "mutation",
    path: "cycles.create",
    input: undefined,
    ctx: undefined,
    shape: { message: error.message, code: -32600, data: { code: error.code, httpStatus: 400, path: "cycles.create" } },
  }) as { data: { fieldErrors: Record<string, string[] | undefined> | null } };
  return shape.data.fieldErrors ?? {};
}

const valid: {
  name: string;
  opensOn: string;
  closesOn: string;
  minGroupSize: number;
  departments: string[] | null;
  minPeers: number;
  maxPeers: number;
} = {
  name: "Winter 2027 review",
  opensOn: "2027-01-11",
  closesOn: "2027-02-01",
  minGroupSize: 3,
  departments: null,
  minPeers: 3,
  maxPeers: 8,
};

async function countCycles(): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from cycles`);
  return Number(row!.n);
}

async function statusOf(cycleId: string) {
  const [row] = await db.select({ status: cycles.status }).from(cycles).where(eq(cycles.id, cycleId));
  return row?.status;
}

async function createCycle(overrides: Partial<typeof valid> = {}) {
  return (await asHr().cycles.create({ ...valid, ...overrides })).id;
}

describe("cycles.create", () => {
  it("creates a draft on the newest competency model, with the defaults, and writes an audit row", async () => {
    const { id } = await asHr().cycles.create({
      name: "  Defaults  ",
      opensOn: "2027-01-04",
      closesOn: "2027-01-25",
      departments: null,
    });
    const [row] = await db.select().from(cycles).where(eq(cycles.id, id));
    const [newest] = await db.select({ id: competencyModels.id }).from(competencyModels);
    expect(row).toMatchObject({
      name: "Defaults",
      status: "draft",
      opensOn: "2027-01-04",
      closesOn: "2027-01-25",
      minGroupSize: 3,
      departments: null,
      minPeers: 3,
      maxPeers: 8,
      modelId: newest!.id,
    });
    const audit = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.cycleId, id), eq(auditLog.action, "cycle.create")));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorId).toBe(hr.id);
  });

  it("picks the newest competency model when there are several", async () => {
    const [newer] = await db
      .insert(competencyModels)
      .values({ name: "Next year's model", createdAt: new Date(Date.now() + 86_400_000) })
      .returning({ id: competencyModels.id });
    const id = await createCycle({ name: "On the newer model" });
    try {
      const [row] = await db.select({ modelId: cycles.modelId }).from(cycles).where(eq(cycles.id, id));
      expect(row!.modelId).toBe(newer!.id);
    } finally {
      await db.delete(cycles).where(eq(cycles.id, id));
      await db.delete(competencyModels).where(eq(competencyModels.id, newer!.id));
    }
  });

  it("keeps the chosen departments, once each", async () => {
    const id = await createCycle({ departments: ["Sales", "Engineering", "Sales"] });
    const detail = await asHr().cycles.detail({ cycleId: id });
    expect(detail.departments).toEqual(["Engineering", "Sales"]);
    const inScope = everyone.filter((p) => p.active && ["Sales", "Engineering"].includes(p.department));
    expect(detail.participants).toBe(inScope.length);
    expect(detail.byDepartment.map((d) => [d.department, d.participants])).toEqual([
      ["Engineering", inScope.filter((p) => p.department === "Engineering").length],
      ["Sales", inScope.filter((p) => p.department === "Sales").length],
    ]);
  });

  it.each([
    ["k below 3", { minGroupSize: 2 }, "minGroupSize", /at least 3/],
    ["k above 50", { minGroupSize: 51 }, "minGroupSize", /at most 50/],
    ["a fractional k", { minGroupSize: 3.5 }, "minGroupSize", /whole number/],
    ["a blank name", { name: "   " }, "name", /name/],
    ["a name too long", { name: "x".repeat(121) }, "name", /120/],
    ["a date that does not exist", { opensOn: "2027-02-30" }, "opensOn", /real date/],
    ["a date in another format", { closesOn: "01/02/2027" }, "closesOn", /YYYY-MM-DD/],
    [
      "closing before opening",
      { opensOn: "2027-02-02", closesOn: "2027-02-01" },
      "closesOn",
      /cannot close before it opens/,
    ],
    ["no departments", { departments: [] }, "departments", /at least one department/],
    ["an unknown department", { departments: ["Sales", "Astrology"] }, "departments", /“Astrology”/],
    ["a department with no active people", { departments: [""] }, "departments", /./],
    ["more peers at least than at most", { minPeers: 5, maxPeers: 4 }, "maxPeers", /fewer than the fewest/],
    ["too many peers", { maxPeers: 31 }, "maxPeers", /at most 30/],
    ["negative peers", { minPeers: -1 }, "minPeers", /negative/],
  ] as const)(
    "refuses %s with a message beside the field, and creates nothing",
    async (_what, overrides, field, message) => {
      const before = await countCycles();
      const error = await refusal(asHr().cycles.create({ ...valid, ...overrides } as never));
      expect(error.code).toBe("BAD_REQUEST");
      const fieldErrors = fieldErrorsOf(error);
      expect(fieldErrors[field]?.join(" "), JSON.stringify(fieldErrors)).toMatch(message);
      expect(await countCycles()).toBe(before);
    },
  );

  it("refuses unknown keys and a missing name or date", async () => {
    const before = await countCycles();
    expect((await refusal(asHr().cycles.create({ ...valid, status: "collecting" } as never))).code).toBe("BAD_REQUEST");
    expect((await refusal(asHr().cycles.create({ ...valid, name: undefined } as never))).code).toBe("BAD_REQUEST");
    expect((await refusal(asHr().cycles.create({ ...valid, closesOn: undefined } as never))).code).toBe("BAD_REQUEST");
    expect(await countCycles()).toBe(before);
  });

  it("is for HR only: an employee and a manager are refused and nothing is written", async () => {
    const before = await countCycles();
    for (const viewer of [employee, manager]) {
      expect((await refusal(callerFor(viewer).cycles.create(valid))).code).toBe("FORBIDDEN");
      expect((await refusal(callerFor(viewer).cycles.detail({ cycleId: collectingCycleId }))).code).toBe("FORBIDDEN");
      expect((await refusal(callerFor(viewer).cycles.departments())).code).toBe("FORBIDDEN");
      expect(
        (await refusal(callerFor(viewer).cycles.update({ cycleId: collectingCycleId, name: "Mine now" }))).code,
      ).toBe("FORBIDDEN");
      expect((await refusal(callerFor(viewer).cycles.advance({ cycleId: collectingCycleId, to: "closed" }))).code).toBe(
        "FORBIDDEN",
      );
    }
    expect(await countCycles()).toBe(before);
    expect(await statusOf(collectingCycleId)).toBe("collecting");
  });
});

describe("cycles.departments", () => {
  it("lists the departments of active people with their head counts", async () => {
    const departments = await asHr().cycles.departments();
    const expected = new Map<string, number>();
    for (const p of everyone.filter((p) => p.active && p.department))
      expected.set(p.department, (expected.get(p.department) ?? 0) + 1);
    expect(departments).toEqual(
      [...expected].sort(([a], [b]) => a.localeCompare(b)).map(([name, n]) => ({ name, people: n })),
    );
  });
});

describe("cycles.update", () => {
  it("changes a draft's settings, checking the rules against the merged settings", async () => {
    const id = await createCycle({ name: "To be edited", departments: ["Sales"] });
    await asHr().cycles.update({ cycleId: id, name: "Edited", minGroupSize: 4, departments: null, maxPeers: 5 });
    const [row] = await db.select().from(cycles).where(eq(cycles.id, id));
    expect(row).toMatchObject({ name: "Edited", minGroupSize: 4, departments: null, minPeers: 3, maxPeers: 5 });
    // Only the sent fields change; the rules apply to the result.
    const closing = await refusal(asHr().cycles.update({ cycleId: id, closesOn: "2027-01-01" }));
    expect(closing.code).toBe("BAD_REQUEST");
    expect(fieldErrorsOf(closing).closesOn?.[0]).toMatch(/cannot close before it opens/);
    const peers = await refusal(asHr().cycles.update({ cycleId: id, minPeers: 6 }));
    expect(fieldErrorsOf(peers).maxPeers?.[0]).toMatch(/fewer than the fewest/);
    const department = await refusal(asHr().cycles.update({ cycleId: id, departments: ["Nowhere"] }));
    expect(fieldErrorsOf(department).departments?.[0]).toMatch(/“Nowhere”/);
    expect((await refusal(asHr().cycles.update({ cycleId: id, minGroupSize: 2 }))).code).toBe("BAD_REQUEST");
    const [after] = await db.select().from(cycles).where(eq(cycles.id, id));
    expect(after).toEqual(row);
    const audit = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.cycleId, id), eq(auditLog.action, "cycle.update")));
    expect(audit).toHaveLength(1);
  });

  it("freezes k, and every other setting, once the cycle has left draft", async () => {
    const id = await createCycle({ name: "Frozen k", departments: ["People"] });
    await asHr().cycles.advance({ cycleId: id, to: "nominating" });
    const k = await refusal(asHr().cycles.update({ cycleId: id, minGroupSize: 5 }));
    expect(k.code).toBe("BAD_REQUEST");
    expect(k.message).toMatch(/minimum group size cannot change once the cycle has left draft/);
    expect(fieldErrorsOf(k).minGroupSize?.[0]).toMatch(/cannot change/);
    const name = await refusal(asHr().cycles.update({ cycleId: id, name: "Renamed" }));
    expect(name.message).toMatch(/Only a draft cycle can be edited; “Frozen k” is nominating/);
    // The database holds the same line for any other writer.
    await expectDatabaseRefusal(
      db.update(cycles).set({ minGroupSize: 5 }).where(eq(cycles.id, id)),
      /cannot change after it has left draft/,
    );
    const [row] = await db.select({ k: cycles.minGroupSize, name: cycles.name }).from(cycles).where(eq(cycles.id, id));
    expect(row).toEqual({ k: 3, name: "Frozen k" });
  });

  it("answers NOT_FOUND for an unknown cycle, on every procedure that takes one", async () => {
    expect((await refusal(asHr().cycles.update({ cycleId: UNKNOWN_ID, name: "x" }))).code).toBe("NOT_FOUND");
    expect((await refusal(asHr().cycles.detail({ cycleId: UNKNOWN_ID }))).code).toBe("NOT_FOUND");
    expect((await refusal(asHr().cycles.advance({ cycleId: UNKNOWN_ID, to: "nominating" }))).code).toBe("NOT_FOUND");
    expect((await refusal(asHr().cycles.detail({ cycleId: "not-a-uuid" }))).code).toBe("BAD_REQUEST");
  });
});

describe("cycles.advance: one step at a time", () => {
  it("refuses every move but the next one, saying what the next one is", async () => {
    const id = await createCycle({ name: "Step by step", departments: ["People"] });
    const tryMove = async (to: "nominating" | "collecting" | "closed" | "published") =>
      (await refusal(to === "published" ? publish(id) : asHr().cycles.advance({ cycleId: id, to }))).message;

    expect(await tryMove("collecting")).toBe("A cycle in draft can only move to nominating.");
    expect(await tryMove("closed")).toBe("A cycle in draft can only move to nominating.");
    expect(await tryMove("published")).toBe("A cycle in draft can only move to nominating.");
    expect(await statusOf(id)).toBe("draft");

    await asHr().cycles.advance({ cycleId: id, to: "nominating" });
    expect(await tryMove("nominating")).toBe("A cycle in nominating can only move to collecting.");
    expect(await tryMove("closed")).toBe("A cycle in nominating can only move to collecting.");

    await asHr().cycles.advance({ cycleId: id, to: "collecting" });
    expect(await tryMove("nominating")).toBe("A cycle in collecting can only move to closed.");
    expect(await tryMove("collecting")).toBe("A cycle in collecting can only move to closed.");

    await asHr().cycles.advance({ cycleId: id, to: "closed" });
    expect(await statusOf(id)).toBe("closed");
    expect(await tryMove("closed")).toBe("A cycle in closed can only move to published.");

    const { queued, outcomes, status } = await publish(id);
    expect(queued).toMatchObject({ attached: false, job: { state: "queued", step: 0 } });
    expect(outcomes).toEqual(["done"]);
    expect(await statusOf(id)).toBe("published");
    expect(status).toMatchObject({ id: queued.job.id, state: "done", attempts: 1, error: null, stalled: false });
    expect(status!.step).toBe(status!.steps);
    expect(status!.steps).toBeGreaterThan(3);
    expect(await tryMove("published")).toBe("A cycle in published cannot move any further.");

    const audit = await db
      .select({ details: auditLog.details })
      .from(auditLog)
      .where(and(eq(auditLog.cycleId, id), eq(auditLog.action, "cycle.advance")));
    expect(audit.map((a) => (a.details as { to: string }).to)).toEqual([
      "nominating",
      "collecting",
      "closed",
      "published",
    ]);
  });

  it("generates nothing when nominations open, and moves once when asked twice at the same time", async () => {
    const id = await createCycle({ name: "Twice", departments: ["People"] });
    await asHr().cycles.advance({ cycleId: id, to: "nominating" });
    expect(await db.select().from(assignments).where(eq(assignments.cycleId, id))).toEqual([]);

    const outcomes = await Promise.allSettled([
      asHr().cycles.advance({ cycleId: id, to: "collecting" }),
      asHr().cycles.advance({ cycleId: id, to: "collecting" }),
    ]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const failed = outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult;
    expect(["BAD_REQUEST", "CONFLICT"]).toContain((failed.reason as TRPCError).code);
    const created = (
      outcomes.find((o) => o.status === "fulfilled") as PromiseFulfilledResult<{ requestsCreated: number }>
    ).value;
    const rows = await db.select().from(assignments).where(eq(assignments.cycleId, id));
    expect(rows).toHaveLength(created.requestsCreated);
    expect(rows.length).toBeGreaterThan(0);
  });

  it("closes a cycle and writes its audit row in one transaction: if the row cannot be written, nothing closes", async () => {
    const id = await createCycle({ name: "Closed with its audit", departments: ["People"] });
    await asHr().cycles.advance({ cycleId: id, to: "nominating" });
    await asHr().cycles.advance({ cycleId: id, to: "collecting" });
    // An actor who is nobody: the audit row breaks its foreign key.
    await expect(advanceCycle(db, { actorId: UNKNOWN_ID, cycleId: id, to: "closed" })).rejects.toThrow();
    expect(await statusOf(id)).toBe("collecting");
    await advanceCycle(db, { actorId: hr.id, cycleId: id, to: "closed" });
    expect(await statusOf(id)).toBe("closed");
    const audit = await db
      .select({ details: auditLog.details })
      .from(auditLog)
      .where(and(eq(auditLog.cycleId, id), eq(auditLog.action, "cycle.advance")));
    expect(audit.map((a) => (a.details as { to: string }).to)).toEqual(["nominating", "collecting", "closed"]);
  });

  it("starts no collection when nobody takes part any more, and leaves the cycle as it was", async () => {
    const id = await createCycle({ name: "Empty", departments: ["People"] });
    await asHr().cycles.advance({ cycleId: id, to: "nominating" });
    const staff = everyone.filter((p) => p.department === "People" && p.active).map((p) => p.id);
    await db.update(people).set({ active: false }).where(inArray(people.id, staff));
    try {
      const error = await refusal(asHr().cycles.advance({ cycleId: id, to: "collecting" }));
      expect(error.code).toBe("BAD_REQUEST");
      expect(error.message).toMatch(/No one active takes part/);
      expect(await statusOf(id)).toBe("nominating");
      expect(await db.select().from(assignments).where(eq(assignments.cycleId, id))).toEqual([]);
    } finally {
      await db.update(people).set({ active: true }).where(inArray(people.id, staff));
    }
  });
});

describe("starting collection generates the requests", () => {
  let cycleId: string;
  let detailBefore: Awaited<ReturnType<ReturnType<typeof asHr>["cycles"]["detail"]>>;
  let chart: Person[];
  let leaver: Person;
  let subject: Person;
  const maxPeers = 3;

  /** Approved nominations of a subject in the order they were made. */
  async function approvedNominationsOf(cycle: string) {
    return queryRows<{ subject_id: string; nominee_id: string }>(
      db,
      sql`select subject_id, nominee_id from nominations where cycle_id = ${cycle} and status = 'approved' order by created_at, id`,
    );
  }

  beforeAll(async () => {
    cycleId = await createCycle({ name: "Sales only", departments: ["Sales"], minPeers: 2, maxPeers });
    await asHr().cycles.advance({ cycleId, to: "nominating" });
    chart = await loadPeople();
    const sales = chart.filter((p) => p.department === "Sales" && p.active);
    const reportsOf = (id: string) => chart.filter((p) => p.managerId === id && p.active);
    // A Sales manager below the head, with a manager and reports of their own.
    subject = sales.find(
      (p) =>
        p.managerId && chart.find((m) => m.id === p.managerId)?.department === "Sales" && reportsOf(p.id).length >= 2,
    )!;
    const [report] = reportsOf(subject.id);
    const engineers = chart.filter((p) => p.department === "Engineering" && p.active);
    // Someone in Sales who will leave before collection starts.
    leaver = sales.find(
      (p) =>
        p.id !== subject.id && p.managerId !== subject.id && reportsOf(p.id).length === 0 && p.id !== subject.managerId,
    )!;

    let minute = 0;
    const at = () => new Date(Date.UTC(2026, 10, 1, 9, minute++));
    const nominate = (subjectId: string, nomineeId: string, status: NominationStatus) =>
      db.insert(nominations).values({ cycleId, subjectId, nomineeId, status, createdAt: at() });

    await nominate(subject.id, report!.id, "approved"); // a direct report: stays a direct report
    await nominate(subject.id, subject.managerId!, "approved"); // the manager: stays the manager
    await nominate(subject.id, engineers[0]!.id, "approved"); // outside the cycle's departments: still a peer
    await nominate(subject.id, leaver.id, "approved"); // leaves before collection: not asked
    await nominate(subject.id, engineers[1]!.id, "proposed"); // never approved
    await nominate(subject.id, engineers[2]!.id, "rejected");
    await nominate(subject.id, engineers[3]!.id, "approved");
    await nominate(subject.id, engineers[4]!.id, "approved");
    await nominate(subject.id, engineers[5]!.id, "approved"); // one more than maxPeers allows
    // Every other Sales person gets two approved peers from their own department, and some a third.
    const others = sales.filter((p) => p.id !== subject.id);
    for (const [i, person] of others.entries()) {
      const candidates = sales.filter(
        (c) => c.id !== person.id && c.id !== person.managerId && c.managerId !== person.id,
      );
      const count = i % 4 === 0 ? 1 : i % 4 === 1 ? 3 : 2;
      for (const nominee of candidates.slice(i % 5, (i % 5) + count)) await nominate(person.id, nominee.id, "approved");
    }

    await db.update(people).set({ active: false }).where(eq(people.id, leaver.id));
    detailBefore = await asHr().cycles.detail({ cycleId });
    const result = await asHr().cycles.advance({ cycleId, to: "collecting" });
    expect(result.status).toBe("collecting");
    chart = await loadPeople();
  });
  afterAll(async () => {
    await db.update(people).set({ active: true }).where(eq(people.id, leaver.id));
  });

  async function generated() {
    return db
      .select({
        subjectId: assignments.subjectId,
        raterId: assignments.raterId,
        relationship: assignments.relationship,
        status: assignments.status,
      })
      .from(assignments)
      .where(eq(assignments.cycleId, cycleId));
  }

  it("makes exactly the active people of the chosen departments subjects", async () => {
    const rows = await generated();
    const subjects = [...new Set(rows.map((r) => r.subjectId))].sort();
    const expected = chart
      .filter((p) => p.active && p.department === "Sales")
      .map((p) => p.id)
      .sort();
    expect(subjects).toEqual(expected);
    expect(subjects).not.toContain(leaver.id);
    expect(rows.every((r) => r.raterId !== leaver.id)).toBe(true);
    expect(rows.every((r) => r.status === "pending")).toBe(true);
  });

  it("asks each subject: themselves, their active manager, each active direct report and their approved peers, once each", async () => {
    const rows = await generated();
    const approved = await approvedNominationsOf(cycleId);
    const active = new Set(chart.filter((p) => p.active).map((p) => p.id));
    for (const person of chart.filter((p) => p.active && p.department === "Sales")) {
      const mine = rows.filter((r) => r.subjectId === person.id);
      const raters = (relationship: string) =>
        mine
          .filter((r) => r.relationship === relationship)
          .map((r) => r.raterId)
          .sort();
      expect(raters("self"), person.name).toEqual([person.id]);
      expect(raters("manager"), person.name).toEqual(
        person.managerId && active.has(person.managerId) ? [person.managerId] : [],
      );
      const reports = chart
        .filter((p) => p.managerId === person.id && p.active)
        .map((p) => p.id)
        .sort();
      expect(raters("direct_report"), person.name).toEqual(reports);
      const peers = approved
        .filter((n) => n.subject_id === person.id && active.has(n.nominee_id))
        .map((n) => n.nominee_id)
        .filter((id) => id !== person.managerId && !reports.includes(id))
        .slice(0, maxPeers);
      expect(
        mine.filter((r) => r.relationship === "peer").map((r) => r.raterId),
        person.name,
      ).toEqual(expect.arrayContaining(peers));
      expect(raters("peer")).toHaveLength(peers.length);
      expect(new Set(mine.map((r) => r.raterId)).size, `${person.name}: nobody asked twice`).toBe(mine.length);
    }
    expect(rows.length).toBe(
      (
        await queryRows<{ n: number }>(db, sql`select count(*)::int as n from assignments where cycle_id = ${cycleId}`)
      )[0]!.n,
    );
  });

  it("handles the hard nominations of one subject as the rules say", async () => {
    const rows = (await generated()).filter((r) => r.subjectId === subject.id);
    const engineers = chart.filter((p) => p.department === "Engineering" && p.active);
    const reports = chart.filter((p) => p.managerId === subject.id && p.active).map((p) => p.id);
    // The nominated report and manager keep their own (attributed or anonymous) role.
    expect(
      rows
        .filter((r) => r.relationship === "direct_report")
        .map((r) => r.raterId)
        .sort(),
    ).toEqual(reports.sort());
    expect(rows.filter((r) => r.relationship === "manager").map((r) => r.raterId)).toEqual([subject.managerId]);
    // Peers: the first three approved, active, in the order approved; proposed, rejected and the leaver are not asked.
    expect(
      rows
        .filter((r) => r.relationship === "peer")
        .map((r) => r.raterId)
        .sort(),
    ).toEqual([engineers[0]!.id, engineers[3]!.id, engineers[4]!.id].sort());
  });

  it("wrote one audit row that counts what it created", async () => {
    const [audit] = await db
      .select({ actorId: auditLog.actorId, details: auditLog.details })
      .from(auditLog)
      .where(and(eq(auditLog.cycleId, cycleId), sql`${auditLog.details}->>'to' = 'collecting'`));
    expect(audit!.actorId).toBe(hr.id);
    expect(audit!.details).toMatchObject({
      from: "nominating",
      to: "collecting",
      requests: (await generated()).length,
    });
  });

  it("said beforehand what it would create, and warned about exactly the subjects below k", async () => {
    const rows = await generated();
    expect(detailBefore.status).toBe("nominating");
    expect(detailBefore.plan).toEqual({ requests: rows.length, raters: new Set(rows.map((r) => r.raterId)).size });
    expect(detailBefore.warningsBasis).toBe("plan");

    const after = await asHr().cycles.detail({ cycleId });
    expect(after.warningsBasis).toBe("requests");
    expect(after.plan).toBeNull();
    expect(after.nominations).toBeNull();
    // Nothing declined yet: the plan's warnings are the requests' warnings.
    expect(after.warnings).toEqual(detailBefore.warnings);

    const expected = chart
      .filter((p) => p.active && p.department === "Sales")
      .map((p) => {
        const anonymous = rows.filter((r) => r.subjectId === p.id);
        const peers = anonymous.filter((r) => r.relationship === "peer").length;
        const directReports = anonymous.filter((r) => r.relationship === "direct_report").length;
        return {
          subjectId: p.id,
          name: p.name,
          peers,
          directReports,
          outcome: anonymousOutcome({ peers, directReports }, 3),
        };
      })
      .filter((w) => w.outcome !== "separate");
    expect(expected.some((w) => w.outcome === "none") && expected.some((w) => w.outcome === "combined_only")).toBe(
      true,
    );
    expect(
      after.warnings
        .map((w) => ({
          subjectId: w.subjectId,
          name: w.name,
          peers: w.peers,
          directReports: w.directReports,
          outcome: w.outcome,
        }))
        .sort(bySubject),
    ).toEqual(expected.sort(bySubject));
    for (const warning of after.warnings) {
      expect(warning.department).toBe("Sales");
      expect(warning.consequence).toBe(
        warning.outcome === "none"
          ? "No anonymous feedback will be shown; only self and manager answers."
          : "Their report will show anonymous feedback only as one combined group: peers and direct reports cannot be shown apart.",
      );
    }
  });

  it("counted nominations progress while nominating", async () => {
    const approved = await approvedNominationsOf(cycleId);
    expect(detailBefore.nominations!.approved).toBe(approved.length);
    expect(detailBefore.nominations!.awaitingApproval).toBe(1);
    const rows = await generated();
    const subjects = [...new Set(rows.map((r) => r.subjectId))];
    const withEnough = subjects.filter(
      (s) => rows.filter((r) => r.subjectId === s && r.relationship === "peer").length >= 2,
    );
    expect(detailBefore.nominations!.subjectsWithEnoughPeers).toBe(withEnough.length);
  });

  it("counts a declined request out of the k warnings, from the next day's count", async () => {
    // A subject with exactly k anonymous raters, and no warning, until one declines.
    const rows = await generated();
    const at = (await asHr().cycles.detail({ cycleId })).warnings.map((w) => w.subjectId);
    const fine = [...new Set(rows.map((r) => r.subjectId))].find((s) => {
      const anonymous = rows.filter(
        (r) => r.subjectId === s && (r.relationship === "peer" || r.relationship === "direct_report"),
      );
      return !at.includes(s) && anonymous.length === 3 && anonymous.every((r) => r.relationship === "peer");
    })!;
    expect(fine).toBeDefined();
    const [peer] = rows.filter((r) => r.subjectId === fine && r.relationship === "peer");
    await db
      .update(assignments)
      .set({ status: "declined" })
      .where(
        and(eq(assignments.cycleId, cycleId), eq(assignments.subjectId, fine), eq(assignments.raterId, peer!.raterId)),
      );
    // A decline is an anonymous rater's act: like a submit, it shows only in the next day's count (./progress.ts).
    const today = isoDay(new Date());
    expect((await getCycleDetail(db, { cycleId, today })).warnings.map((w) => w.subjectId)).not.toContain(fine);
    const warning = (await getCycleDetail(db, { cycleId, today: addDays(today, 1) })).warnings.find(
      (w) => w.subjectId === fine,
    );
    expect(warning).toMatchObject({ peers: 2, directReports: 0, outcome: "none" });
  });
});

function bySubject(a: { subjectId: string }, b: { subjectId: string }) {
  return a.subjectId.localeCompare(b.subjectId);
}

describe("cycles.detail: progress in counts only", () => {
  it("matches SQL for the seeded collecting cycle, overall and per department, and departments add up", async () => {
    const detail = await asHr().cycles.detail({ cycleId: collectingCycleId });
    expect(detail.status).toBe("collecting");
    const rows = await queryRows<{ department: string; status: string; n: number; subjects: number }>(
      db,
      sql`select s.department, a.status::text as status, count(*)::int as n, count(distinct a.subject_id)::int as subjects
          from assignments a join people s on s.id = a.subject_id where a.cycle_id = ${collectingCycleId}
          group by 1, 2`,
    );
    const n = (status: string, department?: string) =>
      rows
        .filter((r) => r.status === status && (department === undefined || r.department === department))
        .reduce((s, r) => s + r.n, 0);
    expect(detail.requests).toEqual({
      total: rows.reduce((s, r) => s + r.n, 0),
      submitted: n("submitted"),
      inProgress: n("in_progress"),
      notStarted: n("pending"),
      declined: n("declined"),
    });
    expect(Object.values(detail.requests).every((v) => v > 0)).toBe(true);
    const [subjects] = await queryRows<{ n: number }>(
      db,
      sql`select count(distinct subject_id)::int as n from assignments where cycle_id = ${collectingCycleId}`,
    );
    expect(detail.participants).toBe(subjects!.n);
    // Departments of k people or more stand alone; the small ones, with the
    // smallest others it takes to hold k, are pooled into the last row.
    const k = detail.minGroupSize;
    const [subjectsOf] = await queryRows<{ by: Record<string, number> }>(
      db,
      sql`select coalesce(json_object_agg(department, n), '{}') as by from (
            select s.department, count(distinct a.subject_id)::int as n
            from assignments a join people s on s.id = a.subject_id where a.cycle_id = ${collectingCycleId} group by 1) d`,
    );
    const departments = Object.keys(subjectsOf!.by);
    const pool = detail.byDepartment.find((d) => / together$/.test(d.department));
    const alone = detail.byDepartment.filter((d) => d !== pool);
    expect(detail.byDepartment.at(-1)).toBe(pool ?? alone.at(-1));
    for (const d of alone) {
      expect(d.participants, d.department).toBeGreaterThanOrEqual(k);
      expect(d, d.department).toMatchObject({
        participants: subjectsOf!.by[d.department],
        submitted: n("submitted", d.department),
        inProgress: n("in_progress", d.department),
        notStarted: n("pending", d.department),
        declined: n("declined", d.department),
      });
    }
    const pooled = departments.filter((d) => !alone.some((a) => a.department === d));
    expect(departments.filter((d) => subjectsOf!.by[d]! < k).every((d) => pooled.includes(d))).toBe(true);
    if (pooled.length > 0) {
      expect(pool).toMatchObject({
        department: `${pooled.length} smaller departments together`,
        submitted: pooled.reduce((sum, d) => sum + n("submitted", d), 0),
        declined: pooled.reduce((sum, d) => sum + n("declined", d), 0),
      });
      expect(pool!.participants).toBeGreaterThanOrEqual(Math.min(k, detail.participants));
    }
    for (const key of ["total", "submitted", "inProgress", "notStarted", "declined", "participants"] as const) {
      expect(
        detail.byDepartment.reduce((s, d) => s + d[key], 0),
        key,
      ).toBe(key === "participants" ? detail.participants : detail.requests[key]);
    }
    // Counts only: nothing in the answer names a rater.
    const raters = await queryRows<{ rater_id: string }>(
      db,
      sql`select distinct rater_id from assignments where cycle_id = ${collectingCycleId} and relationship in ('peer', 'direct_report')`,
    );
    const text = JSON.stringify(detail);
    const subjectsOfWarnings = new Set(detail.warnings.map((w) => w.subjectId));
    expect(raters.filter((r) => !subjectsOfWarnings.has(r.rater_id) && text.includes(r.rater_id))).toEqual([]);
  });

  it("warns about the seeded cycle's subjects below k, from requests not declined", async () => {
    const detail = await asHr().cycles.detail({ cycleId: collectingCycleId });
    const groups = await queryRows<{ subject_id: string; peers: number; reports: number }>(
      db,
      sql`select subject_id,
                 count(*) filter (where relationship = 'peer' and status <> 'declined')::int as peers,
                 count(*) filter (where relationship = 'direct_report' and status <> 'declined')::int as reports
          from assignments where cycle_id = ${collectingCycleId} group by subject_id`,
    );
    const expected = groups
      .map((g) => ({
        subjectId: g.subject_id,
        outcome: anonymousOutcome({ peers: g.peers, directReports: g.reports }, 3),
      }))
      .filter((g) => g.outcome !== "separate")
      .sort(bySubject);
    expect(detail.warnings.map((w) => ({ subjectId: w.subjectId, outcome: w.outcome })).sort(bySubject)).toEqual(
      expected,
    );
    expect(expected.length).toBeGreaterThan(0);
  });

  it("shows a finished cycle's counts and nothing to plan", async () => {
    const detail = await asHr().cycles.detail({ cycleId: closedCycleId });
    expect(detail.status).toBe("published");
    expect(detail.requests.total).toBeGreaterThan(0);
    expect(detail.plan).toBeNull();
  });

  it("shows a draft's participants by department, with no requests yet", async () => {
    const id = await createCycle({ name: "Draft counts", departments: null });
    const detail = await asHr().cycles.detail({ cycleId: id });
    const active = everyone.filter((p) => p.active);
    expect(detail.participants).toBe(active.length);
    expect(detail.requests.total).toBe(0);
    expect(detail.byDepartment.reduce((s, d) => s + d.participants, 0)).toBe(active.length);
    expect(detail.nominations).toEqual({ approved: 0, awaitingApproval: 0, subjectsWithEnoughPeers: 0 });
    // Without nominations, only people with at least k direct reports can reach k.
    const reports = (id: string) => active.filter((p) => p.managerId === id).length;
    expect(detail.warnings.length).toBe(active.filter((p) => reports(p.id) < 3).length);
    expect(detail.plan!.requests).toBe(active.length + active.filter((p) => p.managerId).length * 2);
  });
});
