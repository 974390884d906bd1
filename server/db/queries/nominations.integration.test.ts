/**
 * Peer nominations through the tRPC router on a real database: the subject
 * proposes and withdraws within the cycle's limits, their direct manager
 * decides and adds, and every refusal leaves the table exactly as it was.
 */
import { TRPCError } from "@trpc/server";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { createCaller } from "../../api/root";
import type { ContextUser } from "../../api/trpc";
import { queryRows } from "../rows";
import { cycles, nominations, people } from "../schema";
import { seedDemoOrganisation } from "../seed/demo";
import { findActiveViewer } from "./people";

const TODAY = new Date("2026-11-28T12:00:00Z");
const NO_SUCH_ID = "00000000-0000-4000-8000-000000000000";
const DEPARTMENT = "Sales";
const MAX_PEERS = 5;

type Person = { id: string; name: string; managerId: string | null; department: string; active: boolean };

let database: TestDatabase;
let db: TestDatabase["db"];
let cycleId: string;
let chart: Person[];
/** A Sales manager with at least four reports, one of those reports (the subject), another Sales manager. */
let manager: Person;
let subject: Person;
let otherManager: Person;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  await seedDemoOrganisation(db, { people: 60, seed: 11, today: TODAY });
  const [{ modelId }] = (await db.select({ modelId: cycles.modelId }).from(cycles).limit(1)) as [{ modelId: string }];
  const [cycle] = await db
    .insert(cycles)
    .values({
      name: "Winter peer review",
      status: "nominating",
      modelId,
      opensOn: "2026-12-01",
      closesOn: "2026-12-20",
      departments: [DEPARTMENT],
      minPeers: 3,
      maxPeers: MAX_PEERS,
    })
    .returning({ id: cycles.id });
  cycleId = cycle!.id;
  chart = await db
    .select({
      id: people.id,
      name: people.name,
      managerId: people.managerId,
      department: people.department,
      active: people.active,
    })
    .from(people);
  const reportsOf = (id: string) => chart.filter((p) => p.managerId === id);
  const salesManagers = chart.filter(
    (m) =>
      m.department === DEPARTMENT &&
      reportsOf(m.id).length >= 4 &&
      reportsOf(m.id).every((r) => reportsOf(r.id).length === 0),
  );
  [manager, otherManager] = salesManagers as [Person, Person];
  subject = reportsOf(manager.id)[0]!;
  expect(otherManager).toBeDefined();
});
afterAll(async () => {
  await database?.destroy();
});
beforeEach(async () => {
  await db.delete(nominations);
  await db.update(cycles).set({ status: "nominating" }).where(eq(cycles.id, cycleId));
});

async function callerFor(person: { id: string }) {
  const viewer = await findActiveViewer(db, person.id);
  const user: ContextUser | null = viewer && {
    id: viewer.id,
    name: viewer.name,
    email: viewer.email,
    roles: viewer.roles,
  };
  return createCaller({ db, user, headers: new Headers() });
}

function reportsOf(id: string) {
  return chart.filter((p) => p.managerId === id);
}

/** Someone who can be a peer of `of`: active, not them, not their manager or reports, not in `except`. */
function eligiblePeers(of: Person, except: string[] = []) {
  return chart.filter(
    (p) => p.active && p.id !== of.id && p.id !== of.managerId && p.managerId !== of.id && !except.includes(p.id),
  );
}

function table() {
  return queryRows<{ id: string; subject_id: string; nominee_id: string; status: string; added_by_manager: boolean }>(
    db,
    sql`select id, subject_id, nominee_id, status::text as status, added_by_manager from nominations order by id`,
  );
}

/** The call is refused with `code` (and a message matching `message`), and the table is unchanged. */
async function expectRefused(call: () => Promise<unknown>, code: TRPCError["code"], message?: RegExp) {
  const before = await table();
  const error = await call().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, "the call should have been refused").toBeInstanceOf(TRPCError);
  expect((error as TRPCError).code).toBe(code);
  if (message) expect((error as TRPCError).message).toMatch(message);
  expect(await table()).toEqual(before);
}

describe("the subject's nominations", () => {
  it("show the cycle, its limits, the approving manager, and suggestions: shared manager first, then the department", async () => {
    const me = await callerFor(subject);
    const [mine, ...others] = await me.nominations.mine();
    expect(others).toEqual([]);
    expect(mine!.cycle).toEqual({
      id: cycleId,
      name: "Winter peer review",
      closesOn: "2026-12-20",
      minGroupSize: 3,
      minPeers: 3,
      maxPeers: MAX_PEERS,
    });
    expect(mine!.approverName).toBe(manager.name);
    expect([mine!.nominations, mine!.chosen, mine!.approved]).toEqual([[], 0, 0]);

    const suggestions = mine!.suggestions;
    expect(suggestions.length).toBeGreaterThan(reportsOf(manager.id).length - 1);
    const siblings = reportsOf(manager.id).filter((p) => p.id !== subject.id);
    // Everyone who shares the manager, first; then people of the same department.
    expect(
      suggestions
        .slice(0, siblings.length)
        .map((s) => s.id)
        .sort(),
    ).toEqual(siblings.map((p) => p.id).sort());
    expect(suggestions.slice(0, siblings.length).every((s) => s.reason === "same_manager")).toBe(true);
    for (const s of suggestions.slice(siblings.length)) {
      expect(s.reason).toBe("same_department");
      expect(s.department).toBe(subject.department);
    }
    const ineligible = [subject.id, manager.id];
    expect(suggestions.filter((s) => ineligible.includes(s.id))).toEqual([]);
  });

  it("never suggest a manager's own manager or direct reports, nor anyone who has left or is already nominated", async () => {
    // The manager as a subject: their reports and their own manager rate them anyway.
    const asSubject = await callerFor(manager);
    const [mine] = await asSubject.nominations.mine();
    const excluded = new Set([manager.id, manager.managerId, ...reportsOf(manager.id).map((r) => r.id)]);
    expect(mine!.suggestions.length).toBeGreaterThan(0);
    expect(mine!.suggestions.filter((s) => excluded.has(s.id))).toEqual([]);

    const [leaver, chosen] = reportsOf(manager.id).filter((p) => p.id !== subject.id) as [Person, Person];
    await db.update(people).set({ active: false }).where(eq(people.id, leaver.id));
    try {
      const me = await callerFor(subject);
      await me.nominations.propose({ cycleId, nomineeId: chosen.id });
      const [after] = await me.nominations.mine();
      const ids = after!.suggestions.map((s) => s.id);
      expect(ids).not.toContain(leaver.id);
      expect(ids).not.toContain(chosen.id);
    } finally {
      await db.update(people).set({ active: true }).where(eq(people.id, leaver.id));
    }
  });

  it("are empty for someone outside the cycle's departments", async () => {
    const outsider = chart.find((p) => p.department !== DEPARTMENT && p.active)!;
    await expect((await callerFor(outsider)).nominations.mine()).resolves.toEqual([]);
  });
});

describe("proposing and withdrawing", () => {
  it("proposes a peer once, however often the button is pressed", async () => {
    const me = await callerFor(subject);
    const nominee = eligiblePeers(subject)[0]!;
    const first = await me.nominations.propose({ cycleId, nomineeId: nominee.id });
    expect(first).toMatchObject({
      status: "proposed",
      addedByManager: false,
      nominee: { id: nominee.id, name: nominee.name },
    });
    const again = await me.nominations.propose({ cycleId, nomineeId: nominee.id });
    const atOnce = await Promise.all([1, 2, 3].map(() => me.nominations.propose({ cycleId, nomineeId: nominee.id })));
    expect([again, ...atOnce].map((n) => n.id)).toEqual([first.id, first.id, first.id, first.id]);
    expect(await table()).toEqual([
      { id: first.id, subject_id: subject.id, nominee_id: nominee.id, status: "proposed", added_by_manager: false },
    ]);
    const [mine] = await me.nominations.mine();
    expect([mine!.chosen, mine!.approved, mine!.nominations.map((n) => n.id)]).toEqual([1, 0, [first.id]]);
  });

  it("refuses themselves, their manager, their direct reports, people who left and unknown ids — writing nothing", async () => {
    const me = await callerFor(subject);
    await me.nominations.propose({ cycleId, nomineeId: eligiblePeers(subject)[0]!.id });
    await expectRefused(() => me.nominations.propose({ cycleId, nomineeId: subject.id }), "BAD_REQUEST", /yourself/);
    await expectRefused(
      () => me.nominations.propose({ cycleId, nomineeId: manager.id }),
      "BAD_REQUEST",
      /is your manager/,
    );
    const asManager = await callerFor(manager);
    await expectRefused(
      () => asManager.nominations.propose({ cycleId, nomineeId: reportsOf(manager.id)[1]!.id }),
      "BAD_REQUEST",
      /reports to you/,
    );
    const leaver = eligiblePeers(subject)[1]!;
    await db.update(people).set({ active: false }).where(eq(people.id, leaver.id));
    try {
      await expectRefused(() => me.nominations.propose({ cycleId, nomineeId: leaver.id }), "NOT_FOUND");
    } finally {
      await db.update(people).set({ active: true }).where(eq(people.id, leaver.id));
    }
    await expectRefused(() => me.nominations.propose({ cycleId, nomineeId: NO_SUCH_ID }), "NOT_FOUND");
    await expectRefused(() => me.nominations.propose({ cycleId: NO_SUCH_ID, nomineeId: leaver.id }), "NOT_FOUND");
    // Someone outside the cycle's departments does not take part.
    const outsider = chart.find((p) => p.department !== DEPARTMENT && p.managerId !== null && p.active)!;
    await expectRefused(
      async () => (await callerFor(outsider)).nominations.propose({ cycleId, nomineeId: subject.id }),
      "FORBIDDEN",
      /not taking part in Winter peer review/,
    );
  });

  it("rejects unknown keys and malformed ids before anything runs", async () => {
    const me = await callerFor(subject);
    const propose = me.nominations.propose as (input: unknown) => Promise<unknown>;
    await expectRefused(() => propose({ cycleId, nomineeId: manager.id, subjectId: manager.id }), "BAD_REQUEST");
    await expectRefused(() => propose({ cycleId, nomineeId: "not-a-uuid" }), "BAD_REQUEST");
  });

  it("stops at maxPeers with a clear message; rejected nominations do not count", async () => {
    const me = await callerFor(subject);
    const peers = eligiblePeers(subject);
    const chosen = [];
    for (const peer of peers.slice(0, MAX_PEERS))
      chosen.push(await me.nominations.propose({ cycleId, nomineeId: peer.id }));
    await expectRefused(
      () => me.nominations.propose({ cycleId, nomineeId: peers[MAX_PEERS]!.id }),
      "BAD_REQUEST",
      new RegExp(`You can nominate at most ${MAX_PEERS} peers`),
    );
    // Re-proposing one already chosen is still fine at the limit: nothing new.
    await expect(me.nominations.propose({ cycleId, nomineeId: peers[0]!.id })).resolves.toMatchObject({
      id: chosen[0]!.id,
    });

    await (await callerFor(manager)).nominations.decide({ nominationId: chosen[0]!.id, decision: "reject" });
    await expect(me.nominations.propose({ cycleId, nomineeId: peers[MAX_PEERS]!.id })).resolves.toMatchObject({
      status: "proposed",
    });
    const [mine] = await me.nominations.mine();
    expect([mine!.chosen, mine!.nominations.length]).toEqual([MAX_PEERS, MAX_PEERS + 1]);
  });

  it("lets only one of several simultaneous proposals take the last place", async () => {
    const me = await callerFor(subject);
    const peers = eligiblePeers(subject);
    for (const peer of peers.slice(0, MAX_PEERS - 1)) await me.nominations.propose({ cycleId, nomineeId: peer.id });
    const outcomes = await Promise.allSettled(
      peers.slice(MAX_PEERS - 1, MAX_PEERS + 2).map((peer) => me.nominations.propose({ cycleId, nomineeId: peer.id })),
    );
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    expect((await table()).length).toBe(MAX_PEERS);
  });

  it("withdraws the subject's own proposed or approved nominations, and nothing else", async () => {
    const me = await callerFor(subject);
    const boss = await callerFor(manager);
    const [a, b, c] = eligiblePeers(subject) as [Person, Person, Person];
    const proposed = await me.nominations.propose({ cycleId, nomineeId: a.id });
    const approved = await me.nominations.propose({ cycleId, nomineeId: b.id });
    const rejected = await me.nominations.propose({ cycleId, nomineeId: c.id });
    await boss.nominations.decide({ nominationId: approved.id, decision: "approve" });
    await boss.nominations.decide({ nominationId: rejected.id, decision: "reject" });
    const added = await boss.nominations.add({
      cycleId,
      subjectId: subject.id,
      nomineeId: eligiblePeers(subject, [a.id, b.id, c.id])[0]!.id,
    });

    await expectRefused(
      () => me.nominations.withdraw({ nominationId: rejected.id }),
      "BAD_REQUEST",
      /not approved by your manager/,
    );
    await expectRefused(() => me.nominations.withdraw({ nominationId: added.id }), "BAD_REQUEST", /Your manager added/);
    // A colleague cannot withdraw it for them: it is not theirs to find.
    const colleague = await callerFor(reportsOf(manager.id)[1]!);
    await expectRefused(() => colleague.nominations.withdraw({ nominationId: proposed.id }), "NOT_FOUND");
    await expectRefused(() => me.nominations.withdraw({ nominationId: NO_SUCH_ID }), "NOT_FOUND");

    await expect(me.nominations.withdraw({ nominationId: proposed.id })).resolves.toEqual({ id: proposed.id });
    await expect(me.nominations.withdraw({ nominationId: approved.id })).resolves.toEqual({ id: approved.id });
    expect((await table()).map((n) => n.id).sort()).toEqual([rejected.id, added.id].sort());
  });

  it("refuses to re-propose someone the manager did not approve", async () => {
    const me = await callerFor(subject);
    const peer = eligiblePeers(subject)[0]!;
    const nomination = await me.nominations.propose({ cycleId, nomineeId: peer.id });
    await (await callerFor(manager)).nominations.decide({ nominationId: nomination.id, decision: "reject" });
    await expectRefused(
      () => me.nominations.propose({ cycleId, nomineeId: peer.id }),
      "BAD_REQUEST",
      /did not approve/,
    );
    const [mine] = await me.nominations.mine();
    expect(mine!.nominations).toEqual([expect.objectContaining({ id: nomination.id, status: "rejected" })]);
    expect(mine!.chosen).toBe(0);
  });

  it("approves at once the choices of someone with no active manager to approve them", async () => {
    await db.update(people).set({ active: false }).where(eq(people.id, manager.id));
    try {
      const me = await callerFor(subject);
      const [mine] = await me.nominations.mine();
      expect(mine!.approverName).toBeNull();
      await expect(
        me.nominations.propose({ cycleId, nomineeId: eligiblePeers(subject)[0]!.id }),
      ).resolves.toMatchObject({
        status: "approved",
      });
    } finally {
      await db.update(people).set({ active: true }).where(eq(people.id, manager.id));
    }
  });
});

describe("the manager's decisions", () => {
  async function threeProposals() {
    const me = await callerFor(subject);
    const peers = eligiblePeers(subject).slice(0, 3);
    return Promise.all(peers.map((p) => me.nominations.propose({ cycleId, nomineeId: p.id })));
  }

  it("list each direct report who takes part, with their nominations and counts", async () => {
    const [a] = await threeProposals();
    const boss = await callerFor(manager);
    await boss.nominations.decide({ nominationId: a!.id, decision: "approve" });
    const team = await boss.nominations.forTeam({ cycleId });
    expect(team.cycle).toMatchObject({ id: cycleId, open: true, minPeers: 3, maxPeers: MAX_PEERS });
    expect(team.members.map((m) => m.id).sort()).toEqual(
      reportsOf(manager.id)
        .map((r) => r.id)
        .sort(),
    );
    const member = team.members.find((m) => m.id === subject.id)!;
    expect([member.chosen, member.approved, member.proposed]).toEqual([3, 1, 2]);
    // Proposals waiting for a decision come first.
    expect(member.nominations.map((n) => n.status)).toEqual(["proposed", "proposed", "approved"]);
    expect(team.members.filter((m) => m.id !== subject.id).every((m) => m.nominations.length === 0)).toBe(true);

    await expect(boss.nominations.teamCycles()).resolves.toEqual([
      expect.objectContaining({
        id: cycleId,
        reports: reportsOf(manager.id).length,
        toDecide: 2,
        belowMinimum: reportsOf(manager.id).length,
      }),
    ]);
    // Another manager's team view has none of it.
    const other = await (await callerFor(otherManager)).nominations.forTeam({ cycleId });
    expect(other.members.map((m) => m.id).sort()).toEqual(
      reportsOf(otherManager.id)
        .map((r) => r.id)
        .sort(),
    );
    expect(other.members.flatMap((m) => m.nominations)).toEqual([]);
  });

  it("approve, reject and approve all; the subject sees the outcome", async () => {
    const [a, b, c] = await threeProposals();
    const boss = await callerFor(manager);
    await expect(boss.nominations.decide({ nominationId: a!.id, decision: "approve" })).resolves.toEqual({
      id: a!.id,
      status: "approved",
    });
    await expect(boss.nominations.decide({ nominationId: b!.id, decision: "reject" })).resolves.toEqual({
      id: b!.id,
      status: "rejected",
    });
    await expect(boss.nominations.approveAll({ cycleId, subjectId: subject.id })).resolves.toEqual({ approved: 1 });
    const [mine] = await (await callerFor(subject)).nominations.mine();
    const statusOf = Object.fromEntries(mine!.nominations.map((n) => [n.id, n.status]));
    expect(statusOf).toEqual({ [a!.id]: "approved", [b!.id]: "rejected", [c!.id]: "approved" });
    expect([mine!.chosen, mine!.approved]).toEqual([2, 2]);
    // A rejection can be undone while the cycle is nominating.
    await expect(boss.nominations.decide({ nominationId: b!.id, decision: "approve" })).resolves.toMatchObject({
      status: "approved",
    });
  });

  it("add a peer for a report, approved at once; the same rules apply, and removing it deletes it", async () => {
    const boss = await callerFor(manager);
    const peer = eligiblePeers(subject)[0]!;
    const added = await boss.nominations.add({ cycleId, subjectId: subject.id, nomineeId: peer.id });
    expect(added).toMatchObject({ status: "approved", addedByManager: true, nominee: { id: peer.id } });
    await expect(boss.nominations.add({ cycleId, subjectId: subject.id, nomineeId: peer.id })).resolves.toMatchObject({
      id: added.id,
    });
    // The subject proposing the same person changes nothing.
    await expect(
      (await callerFor(subject)).nominations.propose({ cycleId, nomineeId: peer.id }),
    ).resolves.toMatchObject({ id: added.id });
    expect(await table()).toHaveLength(1);

    await expectRefused(
      () => boss.nominations.add({ cycleId, subjectId: subject.id, nomineeId: subject.id }),
      "BAD_REQUEST",
    );
    await expectRefused(
      () => boss.nominations.add({ cycleId, subjectId: subject.id, nomineeId: manager.id }),
      "BAD_REQUEST",
      /You are .*'s manager/,
    );
    await expectRefused(
      () => boss.nominations.add({ cycleId, subjectId: subject.id, nomineeId: NO_SUCH_ID }),
      "NOT_FOUND",
    );

    await expect(boss.nominations.decide({ nominationId: added.id, decision: "reject" })).resolves.toEqual({
      id: added.id,
      status: "removed",
    });
    expect(await table()).toEqual([]);
  });

  it("add approves a pending proposal rather than adding a second, and stops at maxPeers", async () => {
    const [a] = await threeProposals();
    const boss = await callerFor(manager);
    await expect(
      boss.nominations.add({ cycleId, subjectId: subject.id, nomineeId: a!.nominee.id }),
    ).resolves.toMatchObject({
      id: a!.id,
      status: "approved",
      addedByManager: false,
    });
    const chosen = new Set((await table()).map((n) => n.nominee_id));
    const more = eligiblePeers(subject, [...chosen]);
    await boss.nominations.add({ cycleId, subjectId: subject.id, nomineeId: more[0]!.id });
    await boss.nominations.add({ cycleId, subjectId: subject.id, nomineeId: more[1]!.id });
    await expectRefused(
      () => boss.nominations.add({ cycleId, subjectId: subject.id, nomineeId: more[2]!.id }),
      "BAD_REQUEST",
      new RegExp(`${subject.name} already has ${MAX_PEERS} peers`),
    );
  });

  it("are not possible for another manager, who finds nothing and changes nothing", async () => {
    const [a] = await threeProposals();
    const intruder = await callerFor(otherManager);
    await expectRefused(() => intruder.nominations.decide({ nominationId: a!.id, decision: "approve" }), "NOT_FOUND");
    await expectRefused(() => intruder.nominations.decide({ nominationId: a!.id, decision: "reject" }), "NOT_FOUND");
    await expectRefused(() => intruder.nominations.approveAll({ cycleId, subjectId: subject.id }), "NOT_FOUND");
    await expectRefused(
      () => intruder.nominations.add({ cycleId, subjectId: subject.id, nomineeId: eligiblePeers(subject)[5]!.id }),
      "NOT_FOUND",
    );
    await expectRefused(
      () => intruder.nominations.searchPeople({ cycleId, subjectId: subject.id, query: "an" }),
      "NOT_FOUND",
    );
    // Nor for the manager's own manager: direct reports only.
    const skipLevel = await callerFor(chart.find((p) => p.id === manager.managerId)!);
    await expectRefused(() => skipLevel.nominations.decide({ nominationId: a!.id, decision: "approve" }), "NOT_FOUND");
    // And an employee is not a manager at all.
    await expectRefused(
      async () => (await callerFor(subject)).nominations.decide({ nominationId: a!.id, decision: "approve" }),
      "FORBIDDEN",
    );
  });
});

describe("outside the nominating phase", () => {
  it("refuses every write with 'Nominations for <cycle> are closed', writing nothing", async () => {
    const me = await callerFor(subject);
    const boss = await callerFor(manager);
    const [a, b] = eligiblePeers(subject) as [Person, Person];
    const nomination = await me.nominations.propose({ cycleId, nomineeId: a.id });
    for (const status of ["draft", "collecting", "closed"] as const) {
      await db.update(cycles).set({ status }).where(eq(cycles.id, cycleId));
      const closed = /Nominations for Winter peer review are closed/;
      await expectRefused(() => me.nominations.propose({ cycleId, nomineeId: b.id }), "BAD_REQUEST", closed);
      await expectRefused(() => me.nominations.withdraw({ nominationId: nomination.id }), "BAD_REQUEST", closed);
      await expectRefused(
        () => boss.nominations.decide({ nominationId: nomination.id, decision: "approve" }),
        "BAD_REQUEST",
        closed,
      );
      await expectRefused(() => boss.nominations.approveAll({ cycleId, subjectId: subject.id }), "BAD_REQUEST", closed);
      await expectRefused(
        () => boss.nominations.add({ cycleId, subjectId: subject.id, nomineeId: b.id }),
        "BAD_REQUEST",
        closed,
      );
      await expectRefused(() => me.nominations.searchPeople({ cycleId, query: "an" }), "BAD_REQUEST", closed);
      await expect(me.nominations.mine()).resolves.toEqual([]);
      await expect(boss.nominations.teamCycles()).resolves.toEqual([]);
      // The team view still reads, and says it is closed.
      await expect(boss.nominations.forTeam({ cycleId })).resolves.toMatchObject({ cycle: { open: false } });
    }
  });
});

describe("searching for people", () => {
  it("finds active people by name, title or department, at most 20, saying who cannot be added and why", async () => {
    const me = await callerFor(subject);
    const [peer, rejectedPeer] = eligiblePeers(subject) as [Person, Person];
    await me.nominations.propose({ cycleId, nomineeId: peer.id });
    const rejected = await me.nominations.propose({ cycleId, nomineeId: rejectedPeer.id });
    await (await callerFor(manager)).nominations.decide({ nominationId: rejected.id, decision: "reject" });

    const broad = await me.nominations.searchPeople({ cycleId, query: "a" + "n" });
    expect(broad.length).toBeLessThanOrEqual(20);
    expect(broad.length).toBeGreaterThan(5);
    for (const r of broad) expect(`${r.name} ${r.title} ${r.department}`.toLowerCase()).toContain("an");

    const find = async (person: Person) =>
      (await me.nominations.searchPeople({ cycleId, query: person.name })).find((r) => r.id === person.id);
    expect((await find(subject))?.unavailable).toBe("self");
    expect((await find(manager))?.unavailable).toBe("manager");
    expect((await find(peer))?.unavailable).toBe("chosen");
    expect((await find(rejectedPeer))?.unavailable).toBe("not_approved");
    // Every word must match somewhere; people from other departments are found too.
    const engineer = chart.find((p) => p.department === "Engineering" && p.active)!;
    const [first] = await me.nominations.searchPeople({ cycleId, query: `${engineer.name.split(" ")[0]} engineering` });
    expect(first).toMatchObject({ department: "Engineering", unavailable: null });

    const asManager = await (
      await callerFor(manager)
    ).nominations.searchPeople({ cycleId, subjectId: subject.id, query: subject.name });
    expect(asManager.find((r) => r.id === subject.id)?.unavailable).toBe("self");
  });

  it("leaves out people who have left, treats % and _ literally, and needs 2 to 80 characters", async () => {
    const me = await callerFor(subject);
    const leaver = eligiblePeers(subject)[0]!;
    await db.update(people).set({ active: false }).where(eq(people.id, leaver.id));
    try {
      expect((await me.nominations.searchPeople({ cycleId, query: leaver.name })).map((r) => r.id)).not.toContain(
        leaver.id,
      );
    } finally {
      await db.update(people).set({ active: true }).where(eq(people.id, leaver.id));
    }
    await expect(me.nominations.searchPeople({ cycleId, query: "%%" })).resolves.toEqual([]);
    await expect(me.nominations.searchPeople({ cycleId, query: "__" })).resolves.toEqual([]);
    await expectRefused(() => me.nominations.searchPeople({ cycleId, query: " a " }), "BAD_REQUEST");
    await expectRefused(() => me.nominations.searchPeople({ cycleId, query: "a".repeat(81) }), "BAD_REQUEST");
  });
});
