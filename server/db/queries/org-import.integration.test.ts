/**
 * Importing the org chart as HR does, through the API, on a seeded
 * organisation: a file with every kind of problem is refused row by row and
 * writes nothing; a clean file applies in one go, and again changes nothing;
 * people are deactivated only when HR asks, keep their published results,
 * are not asked in a new cycle and cannot sign in.
 */
import { TRPCError } from "@trpc/server";
import { and, eq, or, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "@/server/api/root";
import type { ContextUser } from "@/server/api/trpc";
import { toCsv } from "@/server/domain/csv";
import { type CurrentPerson, IMPORT_COLUMNS, orgChartRows } from "@/server/domain/org-import";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { assignments, auditLog, people, publishedScores } from "../schema";
import { seedDemoOrganisation } from "../seed/demo";
import { exportOrgChart, loadCurrentPeople } from "./org-import";
import { findActiveViewer, type Viewer } from "./people";

const TODAY = new Date("2026-11-28T12:00:00Z");

let database: TestDatabase;
let db: TestDatabase["db"];
let hr: Viewer;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  await seedDemoOrganisation(db, { people: 60, seed: 11, today: TODAY });
  const everyone = await db.select({ id: people.id }).from(people);
  const viewers = (await Promise.all(everyone.map((p) => findActiveViewer(db, p.id)))).filter(
    (v): v is Viewer => v !== null,
  );
  hr = viewers.find((v) => v.roles.hr && !v.roles.admin)!;
});
afterAll(async () => {
  await database?.destroy();
});

function asHr() {
  const user: ContextUser = { id: hr.id, name: hr.name, email: hr.email, roles: hr.roles };
  return appRouter.createCaller({ db, user, headers: new Headers() });
}

const csvOf = (rows: CurrentPerson[] | string[][]) =>
  toCsv(
    IMPORT_COLUMNS,
    rows.length > 0 && Array.isArray(rows[0]) ? (rows as string[][]) : orgChartRows(rows as CurrentPerson[]),
  );

/** Every column of every person, to prove a refused or repeated import wrote nothing. */
async function snapshot() {
  return db.select().from(people).orderBy(people.email);
}

/** A manager with reports who is neither the top nor HR, and one of their reports without reports of their own. */
async function pickManagerAndLeaf(chart: CurrentPerson[]) {
  const managers = new Set(chart.map((p) => p.managerEmail));
  const leaf = chart.find((p) => p.managerEmail && !managers.has(p.email) && !p.isHr && p.email !== hr.email)!;
  const manager = chart.find((p) => p.email === leaf.managerEmail)!;
  return { manager, leaf };
}

describe("a file with problems", () => {
  it("reports each problem on its row, refuses to apply, and writes nothing", async () => {
    const chart = await exportOrgChart(db);
    const { manager } = await pickManagerAndLeaf(chart);
    const rows = orgChartRows(chart);
    const first = rows.length + 2; // the spreadsheet row of the first line added below
    const bad = [
      ...rows,
      ["not an email", "Bad Email", "", "", "", manager.email, "no"], // first
      [chart.at(-1)!.email.toUpperCase(), "Twice", "", "", "", chart[0]!.email, "no"], // first + 1: duplicate
      ["new.one@example.com", "New One", "", "", "", "nobody@example.com", "no"], // + 2: unknown manager
      ["loop.a@example.com", "Loop A", "", "", "", "loop.b@example.com", "no"], // + 3 ┐ a cycle
      ["loop.b@example.com", "Loop B", "", "", "", "loop.a@example.com", "no"], // + 4 ┘
      ["", "No Email", "", "", "", manager.email, "no"], // + 5: missing field
      ["self@example.com", "Self", "", "", "", "self@example.com", "no"], // + 6: manages themselves
    ];
    // An unknown column in the header (row 1), with a cell in every row.
    const header = ["email", "salary", ...IMPORT_COLUMNS.slice(1)];
    const withSalary = toCsv(
      header,
      bad.map(([email, ...rest]) => [email!, "0", ...rest]),
    );

    const before = await snapshot();
    const preview = await asHr().people.previewImport({ csv: withSalary, deactivateMissing: false });
    expect(preview.problems.map((p) => [p.row, p.kind])).toEqual([
      [1, "unknown_column"],
      [first, "bad_email"],
      [first + 1, "duplicate_email"],
      [first + 2, "unknown_manager"],
      [first + 3, "manager_cycle"],
      [first + 4, "manager_cycle"],
      [first + 5, "missing_field"],
      [first + 6, "self_manager"],
    ]);
    expect(preview.problems[1]!.message).toContain("not an email");
    expect(preview.problems[2]!.message).toContain(`row ${chart.length + 1}`);
    expect(preview.problems[4]!.message).toContain(`Rows ${first + 3} and ${first + 4}`);

    await expect(asHr().people.applyImport({ csv: withSalary, deactivateMissing: false })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("8 problems: nothing was imported"),
    });
    expect(await snapshot()).toEqual(before);
  });
});

describe("a clean file", () => {
  it("adds, changes and moves people, recomputes levels, deactivates no one unasked; the same file again changes nothing", async () => {
    const chart = await exportOrgChart(db);
    const { manager, leaf } = await pickManagerAndLeaf(chart);
    const other = chart.find(
      (p) => p.managerEmail && p.email !== leaf.email && p.email !== manager.email && !p.isHr && p.level! >= 3,
    )!;
    const edited = chart
      .filter((p) => p.email !== other.email) // left out: kept, since "deactivate" is not ticked
      .map((p) => (p.email === leaf.email ? { ...p, title: "Staff Engineer", managerEmail: chart[0]!.email } : p));
    const rows = [
      ...orgChartRows(edited),
      ["Newcomer.One@Example.com", "Newcomer One", "Analyst", manager.department, "Oslo", manager.email, "no"],
      [
        "newcomer.two@example.com",
        "Newcomer Two",
        "Analyst",
        manager.department,
        "Oslo",
        "newcomer.one@example.com",
        "yes",
      ],
    ];
    const csv = csvOf(rows);

    const preview = await asHr().people.previewImport({ csv, deactivateMissing: false });
    expect(preview.problems).toEqual([]);
    expect(preview.counts).toMatchObject({ added: 2, deactivated: 0, reactivated: 0 });
    expect(preview.changed.find((c) => c.email === leaf.email)?.changes).toEqual([
      { field: "title", from: leaf.title, to: "Staff Engineer" },
      { field: "manager", from: leaf.managerEmail, to: chart[0]!.email },
      { field: "level", from: String(leaf.level), to: "2" },
    ]);

    const applied = await asHr().people.applyImport({ csv, deactivateMissing: false });
    expect(applied).toEqual(preview.counts);
    const after = await loadCurrentPeople(db);
    const byEmail = new Map(after.map((p) => [p.email, p]));
    expect(byEmail.get("newcomer.one@example.com")).toMatchObject({
      managerEmail: manager.email,
      level: manager.level! + 1,
      active: true,
    });
    expect(byEmail.get("newcomer.two@example.com")).toMatchObject({
      managerEmail: "newcomer.one@example.com",
      level: manager.level! + 2,
      isHr: true,
    });
    expect(byEmail.get(leaf.email)).toMatchObject({ title: "Staff Engineer", managerEmail: chart[0]!.email, level: 2 });
    expect(byEmail.get(other.email)).toMatchObject({ active: true });
    // Level is depth in the tree, for everyone.
    for (const person of after.filter((p) => p.active)) {
      const expected = person.managerEmail ? byEmail.get(person.managerEmail)!.level! + 1 : 1;
      expect(person.level, person.email).toBe(expected);
    }
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "people.import"))
      .orderBy(sql`${auditLog.id} desc`)
      .limit(1);
    expect(audit).toMatchObject({
      actorId: hr.id,
      subjectId: null,
      details: expect.objectContaining({ added: 2, deactivated: 0 }),
    });

    // Importing the same file again finds nothing to do.
    const before = await snapshot();
    const again = await asHr().people.applyImport({ csv, deactivateMissing: false });
    expect(again).toEqual({ added: 0, changed: 0, reactivated: 0, deactivated: 0, unchanged: rows.length });
    expect(await snapshot()).toEqual(before);
  });
});

describe("deactivating people missing from the file", () => {
  it("happens only when ticked; they keep published results, are not asked in a new cycle and cannot sign in", async () => {
    const chart = await exportOrgChart(db);
    const { leaf } = await pickManagerAndLeaf(chart);
    const [leafRow] = await db.select({ id: people.id }).from(people).where(eq(people.email, leaf.email));
    const leafId = leafRow!.id;
    const published = await db.select().from(publishedScores).where(eq(publishedScores.subjectId, leafId));
    expect(published.length).toBeGreaterThan(0);
    const csv = csvOf(chart.filter((p) => p.email !== leaf.email));

    const preview = await asHr().people.previewImport({ csv, deactivateMissing: true });
    expect(preview.problems).toEqual([]);
    expect(preview.deactivated).toEqual([{ email: leaf.email, name: leaf.name }]);
    expect(preview.counts).toMatchObject({ added: 0, changed: 0, deactivated: 1 });

    await asHr().people.applyImport({ csv, deactivateMissing: true });
    expect(await findActiveViewer(db, leafId)).toBeNull();
    expect(await db.select().from(publishedScores).where(eq(publishedScores.subjectId, leafId))).toEqual(published);

    const { id: cycleId } = await asHr().cycles.create({
      name: "After the import",
      opensOn: "2027-01-04",
      closesOn: "2027-01-25",
      departments: null,
    });
    await asHr().cycles.advance({ cycleId, to: "nominating" });
    const started = await asHr().cycles.advance({ cycleId, to: "collecting" });
    expect(started.requestsCreated).toBeGreaterThan(0);
    const involving = await db
      .select({ id: assignments.id })
      .from(assignments)
      .where(
        and(eq(assignments.cycleId, cycleId), or(eq(assignments.subjectId, leafId), eq(assignments.raterId, leafId))),
      );
    expect(involving).toEqual([]);

    // Back in the file: reactivated, and the same file again changes nothing.
    const back = csvOf(chart);
    const returned = await asHr().people.applyImport({ csv: back, deactivateMissing: true });
    expect(returned).toMatchObject({ reactivated: 1, deactivated: 0 });
    expect(await findActiveViewer(db, leafId)).not.toBeNull();
  });

  it("refuses a file that would deactivate the person importing it", async () => {
    const chart = await exportOrgChart(db);
    const csv = csvOf(chart.filter((p) => p.email !== hr.email));
    const preview = await asHr().people.previewImport({ csv, deactivateMissing: true });
    expect(preview.problems.map((p) => p.kind)).toContain("deactivates_importer");
    await expect(asHr().people.applyImport({ csv, deactivateMissing: true })).rejects.toBeInstanceOf(TRPCError);
    expect(await findActiveViewer(db, hr.id)).not.toBeNull();
  });
});
