import { describe, expect, it } from "vitest";
import { toCsv } from "./csv";
import {
  type CurrentPerson,
  IMPORT_COLUMNS,
  MAX_IMPORT_ROWS,
  orgChartRows,
  planChangesSomething,
  planOrgImport,
  readOrgChartCsv,
  TEMPLATE_ROWS,
} from "./org-import";

const HEADER = IMPORT_COLUMNS.join(",");
const file = (...rows: string[]) => [HEADER, ...rows].join("\n") + "\n";

function person(
  email: string,
  managerEmail: string | null,
  level: number,
  extra: Partial<CurrentPerson> = {},
): CurrentPerson {
  const name = email.split("@")[0]!.replace(/^./, (c) => c.toUpperCase());
  return {
    email,
    name,
    title: "Engineer",
    department: "Eng",
    location: "Oslo",
    managerEmail,
    isHr: false,
    active: true,
    level,
    ...extra,
  };
}

/** ceo ← ana ← bo, ceo ← cy */
const CURRENT: CurrentPerson[] = [
  person("ceo@x.org", null, 1, { title: "CEO" }),
  person("ana@x.org", "ceo@x.org", 2),
  person("bo@x.org", "ana@x.org", 3),
  person("cy@x.org", "ceo@x.org", 2, { isHr: true, department: "People" }),
];

const asFile = (people: CurrentPerson[]) => toCsv(IMPORT_COLUMNS, orgChartRows(people));

describe("reading the file", () => {
  it("accepts any case in the header, a byte-order mark, spaces and CRLF; lowercases emails", () => {
    const text =
      "\uFEFFEmail, NAME ,Title,Department,Location,Manager_Email,IS_HR\r\n  Ana@X.org , Ana ,Dev,Eng,Oslo, CEO@x.org ,Yes\r\n";
    const { rows, problems } = readOrgChartCsv(text);
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      {
        row: 2,
        email: "ana@x.org",
        name: "Ana",
        title: "Dev",
        department: "Eng",
        location: "Oslo",
        managerEmail: "ceo@x.org",
        isHr: true,
      },
    ]);
  });

  it("reads is_hr as yes/no, true/false, 1/0 or empty, and names anything else", () => {
    const values = ["yes", "NO", "true", "False", "1", "0", "", "maybe"];
    const { rows, problems } = readOrgChartCsv(file(...values.map((v, i) => `p${i}@x.org,P${i},,,,,${v}`)));
    expect(rows.map((r) => r.isHr)).toEqual([true, false, true, false, true, false, false, false]);
    expect(problems).toEqual([expect.objectContaining({ row: 9, kind: "bad_is_hr", column: "is_hr" })]);
  });

  it("numbers rows as a spreadsheet does: header 1, quoted line breaks inside one row, blank lines counted but skipped", () => {
    const { rows } = readOrgChartCsv(file(`a@x.org,"Ann\nMarie",,,,,`, "", "b@x.org,Bo,,,,,"));
    expect(rows.map((r) => [r.row, r.email])).toEqual([
      [2, "a@x.org"],
      [4, "b@x.org"],
    ]);
  });

  it("reports an unknown column on row 1, and a missing one", () => {
    const { problems } = readOrgChartCsv("email,name,title,department,location,manager_email,is_hr,salary\n");
    expect(problems).toEqual([
      expect.objectContaining({ row: 1, kind: "unknown_column", message: expect.stringContaining("salary") }),
    ]);
    const missing = readOrgChartCsv("email,name\na@x.org,A\n").problems;
    expect(missing).toEqual([
      expect.objectContaining({ row: 1, kind: "missing_column", message: expect.stringContaining("“manager_email”") }),
    ]);
  });

  it("reports bad emails, missing fields and a wrong number of cells on their rows", () => {
    const { problems } = readOrgChartCsv(
      file("not-an-email,Ann,,,,,", ",Bo,,,,,", "c@x.org,,,,,,", "d@x.org,Di,,,,", "e@x.org,Ed,,,,boss at x,"),
    );
    expect(problems.map((p) => [p.row, p.kind, p.column])).toEqual([
      [2, "bad_email", "email"],
      [3, "missing_field", "email"],
      [4, "missing_field", "name"],
      [5, "cell_count", null],
      [6, "bad_email", "manager_email"],
    ]);
  });

  it("turns an unreadable file into a problem on the row where it breaks", () => {
    const { problems } = readOrgChartCsv(file("a@x.org,Ann,,,,,", `b@x.org,"Bo,,,,,`));
    expect(problems).toEqual([expect.objectContaining({ row: 3, kind: "file" })]);
  });

  it("refuses more rows than the limit with a clear message", () => {
    const rows = Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `p${i}@x.org,P,,,,,`);
    const { problems } = readOrgChartCsv(file(...rows));
    expect(problems).toEqual([
      expect.objectContaining({ row: 1, kind: "file", message: expect.stringContaining("at most 20,000") }),
    ]);
  });

  it("takes off the formula guard our own export adds", () => {
    const { rows } = readOrgChartCsv(file(`a@x.org,'-Ann,'=x,,,,`));
    expect([rows[0]!.name, rows[0]!.title]).toEqual(["-Ann", "=x"]);
  });
});

describe("the plan", () => {
  it("changes nothing when the file is the org chart as it is (an export imports back unchanged)", () => {
    const plan = planOrgImport(asFile(CURRENT), CURRENT, { deactivateMissing: true });
    expect(plan.problems).toEqual([]);
    expect(plan).toMatchObject({ added: [], changed: [], reactivated: [], deactivated: [], unchanged: 4 });
    expect(planChangesSomething(plan)).toBe(false);
  });

  it("adds, changes (field by field, old → new), and recomputes levels below a moved manager", () => {
    const text = file(
      "ceo@x.org,Ceo,CEO,Eng,Oslo,,no",
      "ana@x.org,Ana,Lead,Eng,Oslo,cy@x.org,no", // new title, now under cy (still level 2 → 3)
      "bo@x.org,Bo,Engineer,Eng,Oslo,ana@x.org,no",
      "cy@x.org,Cy,Engineer,People,Oslo,ceo@x.org,yes",
      "dee@x.org,Dee,Engineer,Eng,Bergen,bo@x.org,",
    );
    const plan = planOrgImport(text, CURRENT, { deactivateMissing: false });
    expect(plan.problems).toEqual([]);
    expect(plan.added).toEqual([expect.objectContaining({ row: 6, email: "dee@x.org", level: 5 })]);
    expect(plan.changed).toEqual([
      {
        row: 3,
        email: "ana@x.org",
        name: "Ana",
        changes: [
          { field: "title", from: "Engineer", to: "Lead" },
          { field: "manager", from: "ceo@x.org", to: "cy@x.org" },
          { field: "level", from: "2", to: "3" },
        ],
      },
      { row: 4, email: "bo@x.org", name: "Bo", changes: [{ field: "level", from: "3", to: "4" }] },
    ]);
    expect(plan.unchanged).toBe(2);
    expect(plan.writes.people.map((p) => [p.email, p.level])).toEqual([
      ["ana@x.org", 3],
      ["bo@x.org", 4],
      ["dee@x.org", 5],
    ]);
  });

  it("deactivates people missing from the file only when asked, and reactivates people who are back", () => {
    const current = [...CURRENT, person("gone@x.org", "ceo@x.org", 2, { active: false })];
    const text = file("ceo@x.org,Ceo,CEO,Eng,Oslo,,no", "gone@x.org,Gone,Engineer,Eng,Oslo,ceo@x.org,no");
    const kept = planOrgImport(text, current, { deactivateMissing: false });
    expect(kept.deactivated).toEqual([]);
    expect(kept.reactivated).toEqual([{ row: 3, email: "gone@x.org", name: "Gone", changes: [] }]);
    const dropped = planOrgImport(text, current, { deactivateMissing: true });
    expect(dropped.deactivated.map((p) => p.email)).toEqual(["ana@x.org", "bo@x.org", "cy@x.org"]);
    expect(dropped.writes.deactivate).toEqual(["ana@x.org", "bo@x.org", "cy@x.org"]);
  });

  it("moves the level of people the file leaves out when their manager moves", () => {
    const plan = planOrgImport(file("ana@x.org,Ana,Engineer,Eng,Oslo,cy@x.org,no"), CURRENT, {
      deactivateMissing: false,
    });
    expect(
      plan.changed.map((c) => [c.row, c.email, c.changes.map((f) => `${f.field}:${f.from}→${f.to}`).join(" ")]),
    ).toEqual([
      [2, "ana@x.org", "manager:ceo@x.org→cy@x.org level:2→3"],
      [null, "bo@x.org", "level:3→4"],
    ]);
    expect(plan.writes.levels).toEqual([{ email: "bo@x.org", level: 4 }]);
  });

  it("reports duplicates (after the first), unknown managers, self-management and cycles, each on its row, and writes nothing", () => {
    const text = file(
      "new1@x.org,New One,,,,ceo@x.org,", // 2 fine
      "NEW1@x.org,Again,,,,ceo@x.org,", // 3 duplicate of row 2
      "new2@x.org,New Two,,,,nobody@x.org,", // 4 unknown manager
      "new3@x.org,New Three,,,,new3@x.org,", // 5 self
      "c1@x.org,C1,,,,c2@x.org,", // 6 ┐
      "c2@x.org,C2,,,,c3@x.org,", // 7 │ a cycle
      "c3@x.org,C3,,,,c1@x.org,", // 8 ┘
      "ceo@x.org,Ceo,CEO,Eng,Oslo,bo@x.org,", // 9 cycle through people not in the file: ceo → bo → ana → ceo
    );
    const plan = planOrgImport(text, CURRENT, { deactivateMissing: false });
    expect(plan.problems.map((p) => [p.row, p.kind])).toEqual([
      [3, "duplicate_email"],
      [4, "unknown_manager"],
      [5, "self_manager"],
      [6, "manager_cycle"],
      [7, "manager_cycle"],
      [8, "manager_cycle"],
      [9, "manager_cycle"],
    ]);
    expect(plan.problems[0]!.message).toContain("row 2");
    expect(plan.problems[3]!.message).toMatch(
      /^Rows 6, 7 and 8 make a manager cycle \(c1@x.org → c2@x.org → c3@x.org → c1@x.org\)/,
    );
    expect(plan.problems[6]!.message).toMatch(
      /^Row 9 makes a manager cycle \(ceo@x.org → bo@x.org → ana@x.org → ceo@x.org\)/,
    );
    // Rows with a problem are left out of the lists: only row 2 is known to be added.
    expect(plan.added.map((a) => a.row)).toEqual([2]);
    expect(plan.changed).toEqual([]);
    expect(plan.rowsWithProblems).toBe(7);
    expect(planChangesSomething(plan)).toBe(false);
  });

  it("requires managers to be in the file when people missing from it are deactivated", () => {
    const text = file("ceo@x.org,Ceo,CEO,Eng,Oslo,,no", "ana@x.org,Ana,Engineer,Eng,Oslo,cy@x.org,no");
    expect(planOrgImport(text, CURRENT, { deactivateMissing: false }).problems).toEqual([]);
    const plan = planOrgImport(text, CURRENT, { deactivateMissing: true });
    expect(plan.problems).toEqual([
      expect.objectContaining({ row: 3, kind: "unknown_manager", message: expect.stringContaining("untick") }),
    ]);
  });

  it("refuses a manager who is deactivated and not brought back by the file", () => {
    const current = [...CURRENT, person("gone@x.org", null, 1, { active: false })];
    const plan = planOrgImport(file("new@x.org,New,,,,gone@x.org,"), current, { deactivateMissing: false });
    expect(plan.problems).toEqual([
      expect.objectContaining({ row: 2, kind: "unknown_manager", message: expect.stringContaining("deactivated") }),
    ]);
  });

  it("will not deactivate everyone from an empty file, nor the person importing", () => {
    expect(planOrgImport(file(), CURRENT, { deactivateMissing: false }).problems).toEqual([]);
    expect(planOrgImport(file(), CURRENT, { deactivateMissing: true }).problems).toEqual([
      expect.objectContaining({ row: 1, kind: "file" }),
    ]);
    const withoutCy = asFile(CURRENT.filter((p) => p.email !== "cy@x.org"));
    const plan = planOrgImport(withoutCy, CURRENT, { deactivateMissing: true, importerEmail: "cy@x.org" });
    expect(plan.problems).toEqual([expect.objectContaining({ kind: "deactivates_importer" })]);
  });

  it("offers a template that imports cleanly into an empty organisation", () => {
    const plan = planOrgImport(toCsv(IMPORT_COLUMNS, TEMPLATE_ROWS), [], { deactivateMissing: false });
    expect(plan.problems).toEqual([]);
    expect(plan.added.map((a) => [a.email, a.level, a.isHr])).toEqual([
      ["ada.lovelace@example.com", 1, false],
      ["grace.hopper@example.com", 2, true],
    ]);
  });
});
