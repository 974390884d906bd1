/**
 * The access matrix: every procedure of the app router, called by five kinds
 * of caller, answers exactly as the table below says (401 / 403 / 404 /
 * allowed). The employee is also the *subject* where a procedure is about a
 * person: their manager may read their profile, a manager elsewhere in the
 * organisation finds nothing. The table must name every procedure, so a new
 * one cannot ship without someone deciding who may call it.
 */
import { TRPCError } from "@trpc/server";
import { eq, inArray } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { engineName, forgetEvidence, recordEvidence } from "@/test/evidence";
import { readConfig } from "../config";
import { isSessionLive, startSession } from "../db/queries/auth-sessions";
import { findActiveViewer, type Viewer } from "../db/queries/people";
import { assignments, auditLog, people } from "../db/schema";
import { seedDemoOrganisation } from "../db/seed/demo";
import { appRouter, createCaller } from "./root";
import type { ContextUser } from "./trpc";

/** The employee is the subject; `subjectsManager` manages them; `otherManager` is not above them. */
type Caller = "signedOut" | "employee" | "otherManager" | "subjectsManager" | "hr";
/** NOT_FOUND: signed in, but the thing asked for is not theirs (ownership is checked in the query). */
type Outcome = "allowed" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND";
const CALLERS: Caller[] = ["signedOut", "employee", "otherManager", "subjectsManager", "hr"];

const everyoneSignedIn = (outcome: Outcome): Record<Caller, Outcome> => ({
  signedOut: "UNAUTHORIZED",
  employee: outcome,
  otherManager: outcome,
  subjectsManager: outcome,
  hr: outcome,
});
const everyone = (outcome: Outcome): Record<Caller, Outcome> => ({ ...everyoneSignedIn(outcome), signedOut: outcome });

/** Who may call what. Procedures that depend on DEMO_SIGN_IN have their own rows below (BY_DEMO_SIGN_IN). */
const EXPECTED: Record<string, Record<Caller, Outcome> | "depends on DEMO_SIGN_IN"> = {
  "session.viewer": everyoneSignedIn("allowed"),
  "demo.people": "depends on DEMO_SIGN_IN",
  "inbox.mine": everyoneSignedIn("allowed"),
  "team.mine": {
    signedOut: "UNAUTHORIZED",
    employee: "FORBIDDEN",
    otherManager: "allowed",
    subjectsManager: "allowed",
    hr: "FORBIDDEN",
  },
  "cycles.overview": {
    signedOut: "UNAUTHORIZED",
    employee: "FORBIDDEN",
    otherManager: "FORBIDDEN",
    subjectsManager: "FORBIDDEN",
    hr: "allowed",
  },
};

/** Rows for procedures that act on one thing: asked with the employee's own
 *  request, only the employee gets through; everyone else finds nothing. */
const ownedByEmployee = (): Record<Caller, Outcome> => ({
  signedOut: "UNAUTHORIZED",
  employee: "allowed",
  otherManager: "NOT_FOUND",
  subjectsManager: "NOT_FOUND",
  hr: "NOT_FOUND",
});
/** Mutations are asked about a request that does not exist, so the matrix
 *  changes nothing; their ownership rules have tests of their own. */
const nobodysRequest = (): Record<Caller, Outcome> => everyoneSignedIn("NOT_FOUND");
EXPECTED["requests.form"] = ownedByEmployee();
EXPECTED["requests.saveDraft"] = nobodysRequest();
EXPECTED["requests.submit"] = nobodysRequest();
EXPECTED["requests.decline"] = nobodysRequest();

const NO_SUCH_ID = "00000000-0000-4000-8000-000000000000";
/** Input for procedures that take one, given the seeded ids. */
/** Real ids of the seeded organisation that inputs name. */
interface SampleIds {
  employeeRequestId: string;
  /** The Spring review, published. */
  publishedCycleId: string;
  /** The employee, who has published figures in it. */
  subjectId: string;
}
const SAMPLE_INPUT: Record<string, (ids: SampleIds) => unknown> = {
  "requests.form": (ids) => ({ assignmentId: ids.employeeRequestId }),
  "requests.saveDraft": () => ({ assignmentId: NO_SUCH_ID, answers: { ratings: {}, comments: {} }, basedOnVersion: 0 }),
  "requests.submit": () => ({ assignmentId: NO_SUCH_ID, answers: { ratings: {}, comments: {} } }),
  "requests.decline": () => ({ assignmentId: NO_SUCH_ID, reason: null }),
};

// Peer nominations. Writes and lookups are asked about ids that do not exist,
// so the matrix changes nothing: signed-in callers who pass the role check find
// nothing (NOT_FOUND); the rules themselves are tested in nominations.integration.test.ts.
const managersOnly = (passed: Outcome, otherManager: Outcome = passed): Record<Caller, Outcome> => ({
  signedOut: "UNAUTHORIZED",
  employee: "FORBIDDEN",
  otherManager,
  subjectsManager: passed,
  hr: "FORBIDDEN",
});
EXPECTED["nominations.mine"] = everyoneSignedIn("allowed");
EXPECTED["nominations.searchPeople"] = everyoneSignedIn("NOT_FOUND");
EXPECTED["nominations.propose"] = everyoneSignedIn("NOT_FOUND");
EXPECTED["nominations.withdraw"] = everyoneSignedIn("NOT_FOUND");
EXPECTED["nominations.teamCycles"] = managersOnly("allowed");
EXPECTED["nominations.forTeam"] = managersOnly("NOT_FOUND");
EXPECTED["nominations.decide"] = managersOnly("NOT_FOUND");
EXPECTED["nominations.approveAll"] = managersOnly("NOT_FOUND");
EXPECTED["nominations.add"] = managersOnly("NOT_FOUND");
Object.assign(SAMPLE_INPUT, {
  "nominations.searchPeople": () => ({ cycleId: NO_SUCH_ID, query: "an" }),
  "nominations.propose": () => ({ cycleId: NO_SUCH_ID, nomineeId: NO_SUCH_ID }),
  "nominations.withdraw": () => ({ nominationId: NO_SUCH_ID }),
  "nominations.forTeam": () => ({ cycleId: NO_SUCH_ID }),
  "nominations.decide": () => ({ nominationId: NO_SUCH_ID, decision: "approve" }),
  "nominations.approveAll": () => ({ cycleId: NO_SUCH_ID, subjectId: NO_SUCH_ID }),
  "nominations.add": () => ({ cycleId: NO_SUCH_ID, subjectId: NO_SUCH_ID, nomineeId: NO_SUCH_ID }),
});

// Cycle administration: HR only. `create` really creates (a draft, which
// touches no one); the others are asked about a cycle that does not exist, so
// HR gets past the role check and finds nothing. The rules themselves are
// tested in cycle-admin.integration.test.ts.
const hrOnly = (passed: Outcome): Record<Caller, Outcome> => ({
  signedOut: "UNAUTHORIZED",
  employee: "FORBIDDEN",
  otherManager: "FORBIDDEN",
  subjectsManager: "FORBIDDEN",
  hr: passed,
});
/** Administrators only; the HR caller here is not one. */
const nobodyHere = (): Record<Caller, Outcome> => hrOnly("FORBIDDEN");
EXPECTED["cycles.departments"] = hrOnly("allowed");
EXPECTED["cycles.create"] = hrOnly("allowed");
EXPECTED["cycles.detail"] = hrOnly("NOT_FOUND");
EXPECTED["cycles.update"] = hrOnly("NOT_FOUND");
EXPECTED["cycles.advance"] = hrOnly("NOT_FOUND");
EXPECTED["cycles.publish"] = hrOnly("NOT_FOUND");
// A cycle never published has no job to report: null, not a refusal.
EXPECTED["cycles.publishStatus"] = hrOnly("allowed");
Object.assign(SAMPLE_INPUT, {
  "cycles.create": () => ({ name: "Access matrix", opensOn: "2027-01-04", closesOn: "2027-01-25", departments: null }),
  "cycles.detail": () => ({ cycleId: NO_SUCH_ID }),
  "cycles.update": () => ({ cycleId: NO_SUCH_ID, name: "Renamed" }),
  "cycles.advance": () => ({ cycleId: NO_SUCH_ID, to: "nominating" }),
  "cycles.publish": () => ({ cycleId: NO_SUCH_ID }),
  "cycles.publishStatus": () => ({ cycleId: NO_SUCH_ID }),
});

// My report: every signed-in person may ask for their own; the subject is
// always the caller (there is no input to name another), so an HR person with
// no report of their own simply gets null. Tested in report.integration.test.ts.
EXPECTED["reports.mine"] = everyoneSignedIn("allowed");
Object.assign(SAMPLE_INPUT, { "reports.mine": () => ({}) });

// "My team": managers only, about the published cycle. Each manager sees the
// heatmap of their own tree; the subject's profile is their manager's to read,
// and a manager elsewhere finds nothing. More in team-report.integration.test.ts.
EXPECTED["team.heatmap"] = managersOnly("allowed");
EXPECTED["team.profile"] = managersOnly("allowed", "NOT_FOUND");
Object.assign(SAMPLE_INPUT, {
  "team.heatmap": (ids: SampleIds) => ({ cycleId: ids.publishedCycleId }),
  "team.profile": (ids: SampleIds) => ({ cycleId: ids.publishedCycleId, subjectId: ids.subjectId }),
});

// The finder: HR only — not even the subject's manager reads evidence here.
// `view` answers with the newest cycle; its lists of people, evidence and the
// export are about the published cycle and the subject.
EXPECTED["finder.view"] = hrOnly("allowed");
EXPECTED["finder.people"] = hrOnly("allowed");
EXPECTED["finder.evidence"] = hrOnly("allowed");
EXPECTED["finder.exportShortlist"] = hrOnly("allowed");
Object.assign(SAMPLE_INPUT, {
  "finder.view": () => ({}),
  "finder.people": (ids: SampleIds) => ({ cycleId: ids.publishedCycleId, list: "shortlist" }),
  "finder.evidence": (ids: SampleIds) => ({ cycleId: ids.publishedCycleId, subjectId: ids.subjectId }),
  "finder.exportShortlist": (ids: SampleIds) => ({ cycleId: ids.publishedCycleId }),
});

// Organisation views: HR only, the newest published cycle by default.
EXPECTED["organisation.overview"] = hrOnly("allowed");
Object.assign(SAMPLE_INPUT, { "organisation.overview": () => ({}) });

// Importing the org chart: HR only. The file is the header alone and nobody
// is deactivated, so HR's apply changes nothing; the import itself is tested
// in org-import.integration.test.ts.
EXPECTED["people.previewImport"] = hrOnly("allowed");
EXPECTED["people.applyImport"] = hrOnly("allowed");
// Signing someone out everywhere: administrators only (the HR caller here is not one).
EXPECTED["people.signOutEverywhere"] = nobodyHere();
Object.assign(SAMPLE_INPUT, {
  "people.previewImport": () => ({
    csv: "email,name,title,department,location,manager_email,is_hr\n",
    deactivateMissing: false,
  }),
  "people.applyImport": () => ({
    csv: "email,name,title,department,location,manager_email,is_hr\n",
    deactivateMissing: false,
  }),
  "people.signOutEverywhere": () => ({ email: "nobody@nowhere.example" }),
});

// The audit log: administrators only; the HR caller here is not one.
EXPECTED["audit.list"] = nobodyHere();
Object.assign(SAMPLE_INPUT, { "audit.list": () => ({}) });

// Reminders: HR only, asked about a cycle that does not exist (tested in
// reminders.integration.test.ts). The dev outbox: administrators, and in demo
// mode everyone; its rows are with demo.people's below.
EXPECTED["reminders.preview"] = hrOnly("NOT_FOUND");
EXPECTED["reminders.send"] = hrOnly("NOT_FOUND");
EXPECTED["outbox.list"] = "depends on DEMO_SIGN_IN";
Object.assign(SAMPLE_INPUT, {
  "reminders.preview": () => ({ cycleId: NO_SUCH_ID }),
  "reminders.send": () => ({ cycleId: NO_SUCH_ID }),
  "outbox.list": () => ({}),
});

const DEMO_PEOPLE: Record<"on" | "off", Record<Caller, Outcome>> = {
  // The person picker is for signed-out visitors of the demo…
  on: everyone("allowed"),
  // …and a real deployment lists its people to nobody.
  off: everyone("FORBIDDEN"),
};

/** Every procedure whose answer depends on DEMO_SIGN_IN, in both modes. */
const BY_DEMO_SIGN_IN: Record<string, Record<"on" | "off", Record<Caller, Outcome>>> = {
  "demo.people": DEMO_PEOPLE,
  // The outbox: anyone in the demo, signed out too (sign-in links land there);
  // without it, administrators only (the HR caller is not one).
  "outbox.list": {
    on: everyone("allowed"),
    off: nobodyHere(),
  },
};

const procedurePaths = Object.keys(appRouter._def.procedures).sort();

let database: TestDatabase;
let viewers: Record<Exclude<Caller, "signedOut">, Viewer>;
let ids: SampleIds;
let cellsAsTheTableSays = 0;
const evidenceSuite = () => `access matrix (${engineName(database.engine)})`;

function asUser(viewer: Viewer | null): ContextUser | null {
  return viewer && { id: viewer.id, name: viewer.name, email: viewer.email, roles: viewer.roles };
}

function userFor(caller: Caller): ContextUser | null {
  return caller === "signedOut" ? null : asUser(viewers[caller]);
}

/** Calls `path` (e.g. "team.mine") with its sample input, if any, and reports what happened. */
async function outcomeOf(path: string, user: ContextUser | null): Promise<Outcome | string> {
  const caller = createCaller({ db: database.db, user, headers: new Headers() });
  const procedure = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
  const input = SAMPLE_INPUT[path]?.(ids);
  try {
    const result = await (procedure as (input: unknown) => Promise<unknown>)(input);
    // A streaming procedure answers as it goes: its refusal can come with the first event.
    if (isAsyncIterable(result)) for await (const event of result) void event;
    return "allowed";
  } catch (error) {
    // Anything but a deliberate refusal (a crash, a failed output check) shows up as a mismatch.
    return error instanceof TRPCError ? error.code : `unexpected ${String(error)}`;
  }
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === "object" && value !== null && Symbol.asyncIterator in value;
}

const savedDemoSignIn = process.env.DEMO_SIGN_IN;
function setDemoSignIn(value: "1" | "0") {
  process.env.DEMO_SIGN_IN = value;
}
afterEach(() => {
  if (savedDemoSignIn === undefined) delete process.env.DEMO_SIGN_IN;
  else process.env.DEMO_SIGN_IN = savedDemoSignIn;
});

beforeAll(async () => {
  database = await createTestDatabase();
  forgetEvidence(evidenceSuite());
  const seeded = await seedDemoOrganisation(database.db, {
    people: 60,
    seed: 11,
    today: new Date("2026-11-28T12:00:00Z"),
  });
  const publishedCycleId = seeded.cycles[0]!.cycleId;
  const chart = await database.db
    .select({ id: people.id, managerId: people.managerId })
    .from(people)
    .orderBy(people.email);
  const found = (await Promise.all(chart.map((p) => findActiveViewer(database.db, p.id)))).filter(
    (v): v is Viewer => v !== null,
  );
  const managerOf = new Map(chart.map((p) => [p.id, p.managerId]));
  const isAbove = (managerId: string, personId: string) => {
    for (let at = managerOf.get(personId); at; at = managerOf.get(at)) if (at === managerId) return true;
    return false;
  };
  const plainManager = (v: Viewer) => v.roles.manager && !v.roles.hr && !v.roles.admin;
  const pick = (what: string, test: (v: Viewer) => boolean) => {
    const viewer = found.find(test);
    if (!viewer) throw new Error(`the seeded organisation has no ${what}`);
    return viewer;
  };

  // The subject: an employee whose anonymous figures were published (so HR's
  // finder places them) and whose manager is a manager and nothing more.
  const hr = pick("HR person without reports", (v) => v.roles.hr && !v.roles.manager && !v.roles.admin);
  const placed = new Set(
    (
      await createCaller({ db: database.db, user: asUser(hr), headers: new Headers() }).finder.people({
        cycleId: publishedCycleId,
        filters: {},
        list: "everyone",
        pageSize: 200,
      })
    ).people.map((p) => p.id),
  );
  const byId = new Map(found.map((v) => [v.id, v]));
  const employee = pick(
    "employee with published figures and a plain manager",
    (v) =>
      !v.roles.manager &&
      !v.roles.hr &&
      !v.roles.admin &&
      placed.has(v.id) &&
      plainManager(byId.get(managerOf.get(v.id) ?? "") ?? v),
  );
  viewers = {
    employee,
    subjectsManager: byId.get(managerOf.get(employee.id)!)!,
    otherManager: pick("manager outside the subject's line", (v) => plainManager(v) && !isAbove(v.id, employee.id)),
    hr,
  };
  const [request] = await database.db
    .select({ id: assignments.id })
    .from(assignments)
    .where(eq(assignments.raterId, viewers.employee.id))
    .limit(1);
  ids = { employeeRequestId: request!.id, publishedCycleId, subjectId: employee.id };
});
afterAll(async () => {
  const suite = evidenceSuite();
  await database?.destroy();
  const cells =
    procedurePaths.reduce((sum, path) => sum + (EXPECTED[path] === "depends on DEMO_SIGN_IN" ? 2 : 1), 0) *
    CALLERS.length;
  console.info(
    `access matrix: ${procedurePaths.length} procedures, ${cells} procedure × caller cells checked, ${cellsAsTheTableSays} as the table says`,
  );
  if (cellsAsTheTableSays === cells && procedurePaths.length > 0) {
    recordEvidence(suite, [
      {
        what: "procedures × callers checked",
        value: `${procedurePaths.length} procedures (every one of the router) × ${CALLERS.length} callers, both demo modes where they differ: ${cells} cells, all as the table says`,
        ok: true,
      },
    ]);
  }
});

describe("the access matrix", () => {
  it("has a row for every procedure of the app router, and none for a procedure that does not exist", () => {
    expect(procedurePaths.length).toBeGreaterThan(0);
    expect(procedurePaths).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(procedurePaths)("%s answers each caller as the table says", async (path) => {
    const rows = EXPECTED[path];
    expect(rows, `no row for ${path} in EXPECTED: decide who may call it`).toBeDefined();
    const modes: [string, Record<Caller, Outcome>][] =
      rows === "depends on DEMO_SIGN_IN"
        ? [
            ["on", BY_DEMO_SIGN_IN[path]!.on],
            ["off", BY_DEMO_SIGN_IN[path]!.off],
          ]
        : [["any", rows!]];
    for (const [mode, expected] of modes) {
      if (mode !== "any") setDemoSignIn(mode === "on" ? "1" : "0");
      const actual: Record<string, Outcome | string> = {};
      for (const caller of CALLERS) actual[caller] = await outcomeOf(path, userFor(caller));
      expect(actual, `${path} with demo sign-in ${mode}`).toEqual(expected);
      cellsAsTheTableSays += CALLERS.length;
    }
  });

  it("uses callers who really are what their names say", async () => {
    expect(viewers.employee.roles).toEqual({ manager: false, hr: false, admin: false });
    expect(viewers.subjectsManager.roles).toEqual({ manager: true, hr: false, admin: false });
    expect(viewers.otherManager.roles).toEqual({ manager: true, hr: false, admin: false });
    expect(viewers.hr.roles).toEqual({ manager: false, hr: true, admin: false });
    const [subject] = await database.db
      .select({ managerId: people.managerId })
      .from(people)
      .where(eq(people.id, viewers.employee.id));
    expect(subject!.managerId).toBe(viewers.subjectsManager.id);
    expect(viewers.otherManager.id).not.toBe(viewers.subjectsManager.id);
  });

  it("answers with the caller's own data when allowed", async () => {
    const employee = createCaller({ db: database.db, user: userFor("employee"), headers: new Headers() });
    await expect(employee.session.viewer()).resolves.toEqual(userFor("employee"));
    const manager = createCaller({ db: database.db, user: userFor("subjectsManager"), headers: new Headers() });
    const team = await manager.team.mine();
    const reports = await database.db
      .select({ id: people.id })
      .from(people)
      .where(eq(people.managerId, viewers.subjectsManager.id));
    expect(team.members.map((m) => m.id).sort()).toEqual(reports.map((r) => r.id).sort());
  });
});

describe("roles come from the org chart at every request", () => {
  it("makes a deactivated person nobody, and an unknown id too", async () => {
    const id = viewers.employee.id;
    expect(await findActiveViewer(database.db, id)).not.toBeNull();
    await database.db.update(people).set({ active: false }).where(eq(people.id, id));
    try {
      expect(await findActiveViewer(database.db, id)).toBeNull();
    } finally {
      await database.db.update(people).set({ active: true }).where(eq(people.id, id));
    }
    expect(await findActiveViewer(database.db, "00000000-0000-4000-8000-000000000000")).toBeNull();
  });

  it("makes someone a manager on the next lookup once they gain a report", async () => {
    const employee = viewers.employee;
    // Someone with no reports of their own, so the move cannot create a loop.
    const [newReport] = await database.db
      .select({ id: people.id, managerId: people.managerId })
      .from(people)
      .where(inArray(people.id, await idsWithoutReports([employee.id])))
      .limit(1);
    await database.db.update(people).set({ managerId: employee.id }).where(eq(people.id, newReport!.id));
    try {
      const promoted = await findActiveViewer(database.db, employee.id);
      expect(promoted?.roles.manager).toBe(true);
      await expect(outcomeOf("team.mine", asUser(promoted))).resolves.toBe("allowed");
      const team = await createCaller({ db: database.db, user: asUser(promoted), headers: new Headers() }).team.mine();
      expect(team.members.map((m) => m.id)).toEqual([newReport!.id]);
    } finally {
      await database.db.update(people).set({ managerId: newReport!.managerId }).where(eq(people.id, newReport!.id));
    }
    expect((await findActiveViewer(database.db, employee.id))?.roles.manager).toBe(false);
  });

  it("stops someone being a manager once none of their reports is active", async () => {
    const manager = viewers.subjectsManager;
    const reports = await database.db.select({ id: people.id }).from(people).where(eq(people.managerId, manager.id));
    expect(reports.length).toBeGreaterThan(0);
    const ids = reports.map((r) => r.id);
    // All but one leave: still a manager.
    await database.db
      .update(people)
      .set({ active: false })
      .where(inArray(people.id, ids.slice(1)));
    try {
      expect((await findActiveViewer(database.db, manager.id))?.roles.manager).toBe(true);
      await database.db.update(people).set({ active: false }).where(inArray(people.id, ids));
      const demoted = await findActiveViewer(database.db, manager.id);
      expect(demoted?.roles.manager).toBe(false);
      await expect(outcomeOf("team.mine", asUser(demoted))).resolves.toBe("FORBIDDEN");
    } finally {
      await database.db.update(people).set({ active: true }).where(inArray(people.id, ids));
    }
  });
});

async function idsWithoutReports(exclude: string[]): Promise<string[]> {
  const all = await database.db.select({ id: people.id, managerId: people.managerId }).from(people);
  const managers = new Set(all.map((p) => p.managerId));
  return all.filter((p) => !managers.has(p.id) && !exclude.includes(p.id)).map((p) => p.id);
}

const SESSION_LIMITS = readConfig({}).session;

describe("signing someone out everywhere", () => {
  it("ends the person's sessions begun before it, not those begun after, and is audited", async () => {
    const admins = await database.db.select({ id: people.id }).from(people).where(eq(people.isAdmin, true));
    const admin = await findActiveViewer(database.db, admins[0]!.id);
    const target = viewers.employee;
    const live = (id: string | null, personId: string) =>
      isSessionLive(database.db, { sessionId: id!, personId, limits: SESSION_LIMITS });
    const [laptop, phone] = [
      await startSession(database.db, { personId: target.id, limits: SESSION_LIMITS }),
      await startSession(database.db, { personId: target.id, limits: SESSION_LIMITS }),
    ];
    const colleagues = await startSession(database.db, {
      personId: viewers.subjectsManager.id,
      limits: SESSION_LIMITS,
    });
    expect(await live(laptop, target.id)).toBe(true);

    const caller = createCaller({ db: database.db, user: asUser(admin), headers: new Headers() });
    expect(await caller.people.signOutEverywhere({ email: target.email.toUpperCase() })).toEqual({ name: target.name });
    expect(await live(laptop, target.id)).toBe(false);
    expect(await live(phone, target.id)).toBe(false);
    // Signing in again is a new session, and it works.
    expect(
      await live(await startSession(database.db, { personId: target.id, limits: SESSION_LIMITS }), target.id),
    ).toBe(true);
    // Nobody else is touched.
    expect(await live(colleagues, viewers.subjectsManager.id)).toBe(true);

    const [entry] = await database.db.select().from(auditLog).where(eq(auditLog.action, "sessions.revoke"));
    expect(entry).toMatchObject({ actorId: admin!.id, subjectId: target.id });
    const missing = await caller.people.signOutEverywhere({ email: "nobody@nowhere.example" }).catch((e: unknown) => e);
    expect((missing as TRPCError).code).toBe("NOT_FOUND");
  });
});
