/**
 * Importing the org chart from a CSV file: reading it (org-chart-csv.ts),
 * finding every problem on the row where a spreadsheet shows it, and working
 * out what applying it would change. Pure: the current people come in, a
 * plan comes out; the database work is in server/db/queries/org-import.ts.
 *
 * Rules decided here (the README's "Importing the org chart" tells HR):
 * - People are matched by email, compared in lower case.
 * - A manager must be a row of the file or, when people missing from the file
 *   are kept, someone already active. When "deactivate people missing from the
 *   file" is ticked, every manager must be in the file: otherwise the file
 *   would leave people reporting to someone it deactivates (org-chart-tree.ts).
 * - Being in the file makes a person active (a deactivated person is
 *   reactivated); `is_admin` is never set by an import.
 * - Level is depth in the resulting tree (1 = top) and is recomputed for
 *   everyone, including people the file does not list.
 */
import { readOrgChartCsv } from "./org-chart-csv";
import type { CurrentPerson, ImportProblem, ImportRow, OrgChartEntry } from "./org-chart-format";
import { type FileAgainstOrgChart, levelsInResultingTree } from "./org-chart-tree";

// The format and the reading are part of what "the import" is to its callers.
export * from "./org-chart-format";
export { readOrgChartCsv } from "./org-chart-csv";

export type ChangedField = "name" | "title" | "department" | "location" | "manager" | "is_hr" | "level";

export interface FieldChange {
  field: ChangedField;
  from: string;
  to: string;
}

export interface PersonChange {
  /** null for someone the file does not list whose level moves with their managers. */
  row: number | null;
  email: string;
  name: string;
  changes: FieldChange[];
}

/** What a person in the file is written as. */
export interface PersonWrite extends OrgChartEntry {
  level: number;
}

export interface ImportPlan {
  /** Data rows read (blank rows are skipped). */
  rows: number;
  /** Rows with at least one problem: not in the lists below. Row 1 (the header) is not counted. */
  rowsWithProblems: number;
  problems: ImportProblem[];
  added: (ImportRow & { level: number | null })[];
  changed: PersonChange[];
  /** In the file, deactivated now: active again after the import (with any changes listed). */
  reactivated: PersonChange[];
  deactivated: { email: string; name: string }[];
  unchanged: number;
  /** What the database is asked to do; empty when nothing changes. */
  writes: {
    /** Added, changed and reactivated people of the file. */
    people: PersonWrite[];
    /** People not in the file whose level moves. */
    levels: { email: string; level: number }[];
    deactivate: string[];
  };
}

export interface PlanOptions {
  deactivateMissing: boolean;
  /** The person importing: a file that would deactivate them is refused. */
  importerEmail?: string;
}

const byRow = (a: ImportProblem, b: ImportProblem) => a.row - b.row;

/**
 * Reads the file and compares it with the people there are now. When there
 * are problems the plan still says what the readable rows would change, so
 * HR sees both, but `writes` is empty: nothing is applied from a file with
 * problems.
 */
export function planOrgImport(csv: string, current: readonly CurrentPerson[], options: PlanOptions): ImportPlan {
  const { rows, problems } = readOrgChartCsv(csv);
  const duplicates = withoutDuplicateEmails(rows);
  problems.push(...duplicates.problems);
  const unique = duplicates.rows;

  const against: FileAgainstOrgChart = {
    rows: unique,
    inFile: new Map(unique.map((row) => [row.email, row])),
    current,
    existing: new Map(current.map((person) => [person.email, person])),
    deactivateMissing: options.deactivateMissing,
  };
  const tree = levelsInResultingTree(against);
  problems.push(...tree.problems);

  // Rows with a problem are left out of the lists, since what they would do
  // is not known until they are fixed.
  const changes = changesOf({
    ...against,
    level: tree.level,
    rowsWithProblems: new Set(problems.map((p) => p.row)),
  });
  const { writes } = changes;

  // ---- rules about the file as a whole
  if (options.deactivateMissing && unique.length === 0 && problems.length === 0) {
    problems.push({
      row: 1,
      kind: "file",
      column: null,
      message: "The file lists no one, and “deactivate” is ticked: it would deactivate everyone.",
    });
  }
  const importer = options.importerEmail?.toLowerCase();
  if (importer && writes.deactivate.includes(importer)) {
    problems.push({
      row: 1,
      kind: "deactivates_importer",
      column: null,
      message: `You (${importer}) are not in the file, so the import would deactivate you and you could no longer sign in: add your row.`,
    });
  }

  problems.sort(byRow);
  const applicable = problems.length === 0;
  return {
    rows: rows.length,
    rowsWithProblems: new Set(problems.map((p) => p.row).filter((row) => row > 1)).size,
    problems,
    added: changes.added,
    changed: changes.changed,
    reactivated: changes.reactivated,
    deactivated: changes.deactivated,
    unchanged: changes.unchanged,
    writes: applicable ? writes : { people: [], levels: [], deactivate: [] },
  };
}

/** What the file's rows change, person by person, and what the database is asked to write for it. */
function changesOf({
  rows,
  inFile,
  current,
  existing,
  level,
  rowsWithProblems,
  deactivateMissing,
}: FileAgainstOrgChart & {
  level: ReadonlyMap<string, number | null>;
  rowsWithProblems: ReadonlySet<number>;
}): Omit<ImportPlan, "rows" | "rowsWithProblems" | "problems"> {
  const added: ImportPlan["added"] = [];
  const changed: PersonChange[] = [];
  const reactivated: PersonChange[] = [];
  const writes: ImportPlan["writes"] = { people: [], levels: [], deactivate: [] };
  let unchanged = 0;
  for (const row of rows) {
    if (rowsWithProblems.has(row.row)) continue;
    const newLevel = level.get(row.email) ?? null;
    const before = existing.get(row.email);
    const write: PersonWrite = { ...withoutRow(row), level: newLevel ?? 0 };
    if (!before) {
      added.push({ ...row, level: newLevel });
      writes.people.push(write);
      continue;
    }
    const changes = fieldChanges(before, row, newLevel);
    const entry = { row: row.row, email: row.email, name: row.name, changes };
    if (!before.active) reactivated.push(entry);
    else if (changes.length > 0) changed.push(entry);
    else unchanged++;
    if (!before.active || changes.length > 0) writes.people.push(write);
  }
  const deactivated: ImportPlan["deactivated"] = [];
  for (const person of current) {
    if (inFile.has(person.email)) continue;
    if (deactivateMissing) {
      if (person.active) {
        deactivated.push({ email: person.email, name: person.name });
        writes.deactivate.push(person.email);
      }
      continue;
    }
    const newLevel = level.get(person.email) ?? null;
    if (person.active && newLevel !== null && newLevel !== person.level) {
      changed.push({
        row: null,
        email: person.email,
        name: person.name,
        changes: [levelChange(person.level, newLevel)],
      });
      writes.levels.push({ email: person.email, level: newLevel });
    }
  }
  return { added, changed, reactivated, deactivated, unchanged, writes };
}

/** The file's rows with an email, once each: every occurrence after the first is a problem of its row. */
function withoutDuplicateEmails(rows: readonly ImportRow[]): { rows: ImportRow[]; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const firstRow = new Map<string, number>();
  const unique: ImportRow[] = [];
  for (const row of rows) {
    if (row.email === "") continue;
    const first = firstRow.get(row.email);
    if (first !== undefined) {
      problems.push({
        row: row.row,
        kind: "duplicate_email",
        column: "email",
        message: `${row.email} is already on row ${first}: keep one row per person.`,
      });
    } else {
      firstRow.set(row.email, row.row);
      unique.push(row);
    }
  }
  return { rows: unique, problems };
}

function withoutRow(row: ImportRow): OrgChartEntry {
  const { email, name, title, department, location, managerEmail, isHr } = row;
  return { email, name, title, department, location, managerEmail, isHr };
}

function levelChange(from: number | null, to: number): FieldChange {
  return { field: "level", from: from === null ? "" : String(from), to: String(to) };
}

function fieldChanges(before: CurrentPerson, after: OrgChartEntry, level: number | null): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of ["name", "title", "department", "location"] as const) {
    if (before[field] !== after[field]) changes.push({ field, from: before[field], to: after[field] });
  }
  if (before.managerEmail !== after.managerEmail) {
    changes.push({ field: "manager", from: before.managerEmail ?? "", to: after.managerEmail ?? "" });
  }
  if (before.isHr !== after.isHr)
    changes.push({ field: "is_hr", from: before.isHr ? "yes" : "no", to: after.isHr ? "yes" : "no" });
  if (level !== null && before.level !== level) changes.push(levelChange(before.level, level));
  return changes;
}

/** Whether applying the plan would write anything. */
export function planChangesSomething(plan: ImportPlan): boolean {
  const { people, levels, deactivate } = plan.writes;
  return people.length + levels.length + deactivate.length > 0;
}
