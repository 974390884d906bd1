/**
 * Importing the org chart from a CSV file: reading it, finding every problem
 * on the row where a spreadsheet shows it, and working out what applying it
 * would change. Pure: the current people come in, a plan comes out; the
 * database work is in server/db/queries/org-import.ts.
 *
 * Rules decided here (the README's "Importing the org chart" tells HR):
 * - People are matched by email, compared in lower case.
 * - A manager must be a row of the file or, when people missing from the file
 *   are kept, someone already active. When "deactivate people missing from the
 *   file" is ticked, every manager must be in the file: otherwise the file
 *   would leave people reporting to someone it deactivates.
 * - Being in the file makes a person active (a deactivated person is
 *   reactivated); `is_admin` is never set by an import.
 * - Level is depth in the resulting tree (1 = top) and is recomputed for
 *   everyone, including people the file does not list.
 */
import { parse } from "csv-parse/sync";

export const IMPORT_COLUMNS = ["email", "name", "title", "department", "location", "manager_email", "is_hr"] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

export const MAX_IMPORT_ROWS = 20_000;
/** Characters, which for a CSV of names and emails is about the same as bytes. */
export const MAX_IMPORT_CHARS = 5 * 1024 * 1024;
const MAX_EMAIL = 254;
const MAX_TEXT = 200;

/** The two example rows of the template HR downloads. */
export const TEMPLATE_ROWS: readonly (readonly string[])[] = [
  ["ada.lovelace@example.com", "Ada Lovelace", "Chief Executive", "Executive", "London", "", "no"],
  ["grace.hopper@example.com", "Grace Hopper", "Head of People", "People", "Lisbon", "ada.lovelace@example.com", "yes"],
];

export type ProblemKind =
  | "file"
  | "unknown_column"
  | "missing_column"
  | "duplicate_column"
  | "cell_count"
  | "missing_field"
  | "too_long"
  | "bad_email"
  | "duplicate_email"
  | "bad_is_hr"
  | "unknown_manager"
  | "self_manager"
  | "manager_cycle"
  | "deactivates_importer";

export interface ImportProblem {
  /** The row as a spreadsheet numbers it: the header is row 1. */
  row: number;
  kind: ProblemKind;
  column: ImportColumn | null;
  /** What is wrong and how to fix it, in words for HR. */
  message: string;
}

/** What the file says about a person, and what the org chart holds. */
export interface OrgChartEntry {
  email: string;
  name: string;
  title: string;
  department: string;
  location: string;
  /** null: at the top of the organisation. */
  managerEmail: string | null;
  isHr: boolean;
}

export interface ImportRow extends OrgChartEntry {
  row: number;
}

/** A person as the database holds them now. */
export interface CurrentPerson extends OrgChartEntry {
  active: boolean;
  level: number | null;
}

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

// ---------------------------------------------------------------- reading

interface ParsedFile {
  rows: ImportRow[];
  problems: ImportProblem[];
}

/** A spreadsheet's formula guard (an apostrophe before =, +, -, @) as our
 *  own export writes it (server/domain/csv.ts) is taken off again. */
function unguard(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

const EMAIL = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>"]+$/;

/** An address the org chart takes for a person (the import's rule, also for `npm run setup`). */
export function isOrgChartEmail(value: string): boolean {
  return value.length <= MAX_EMAIL && EMAIL.test(value);
}
const IS_HR: Record<string, boolean> = {
  yes: true,
  y: true,
  true: true,
  "1": true,
  no: false,
  n: false,
  false: false,
  "0": false,
  "": false,
};

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
}

/** Reads the CSV text into rows and the problems of each row. */
export function readOrgChartCsv(text: string): ParsedFile {
  const problems: ImportProblem[] = [];
  const fileProblem = (message: string, row = 1): ParsedFile => ({
    rows: [],
    problems: [{ row, kind: "file", column: null, message }],
  });
  if (text.length > MAX_IMPORT_CHARS) {
    return fileProblem(
      `The file is larger than ${MAX_IMPORT_CHARS / 1024 / 1024} MB: split it, or leave out columns the import does not read.`,
    );
  }
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, relax_quotes: true }) as string[][];
  } catch (error) {
    const { records: before, message } = error as { records?: number; message?: string };
    const row = (before ?? 0) + 1;
    return fileProblem(`Row ${row} cannot be read as CSV (${message ?? "unreadable"}): check its quotes.`, row);
  }
  const [header, ...data] = records;
  if (!header || header.every((cell) => cell.trim() === "")) {
    return fileProblem(`The file is empty: the first row must be the header ${IMPORT_COLUMNS.join(",")}.`);
  }
  if (data.length > MAX_IMPORT_ROWS) {
    return fileProblem(
      `The file has ${plural(data.length, "row", "rows")} below the header; at most ${MAX_IMPORT_ROWS.toLocaleString("en")} can be imported at once.`,
    );
  }

  // ---- the header
  const position = new Map<ImportColumn, number>();
  header.forEach((raw, index) => {
    const name = raw
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, "_");
    if (!(IMPORT_COLUMNS as readonly string[]).includes(name)) {
      problems.push({
        row: 1,
        kind: "unknown_column",
        column: null,
        message: `Unknown column “${raw.trim()}”: remove it, or rename it to one of ${IMPORT_COLUMNS.join(", ")}.`,
      });
    } else if (position.has(name as ImportColumn)) {
      problems.push({
        row: 1,
        kind: "duplicate_column",
        column: name as ImportColumn,
        message: `The column “${name}” appears twice: keep one.`,
      });
    } else {
      position.set(name as ImportColumn, index);
    }
  });
  const missing = IMPORT_COLUMNS.filter((column) => !position.has(column));
  if (missing.length > 0) {
    problems.push({
      row: 1,
      kind: "missing_column",
      column: missing[0]!,
      message: `The header has no ${missing.map((m) => `“${m}”`).join(", ")} column${missing.length === 1 ? "" : "s"}: every column of the template is needed, even when its cells are empty.`,
    });
  }

  // ---- the rows
  const rows: ImportRow[] = [];
  data.forEach((record, index) => {
    const row = index + 2;
    if (record.every((cell) => cell.trim() === "")) return; // a blank line
    const rowProblem = (kind: ProblemKind, column: ImportColumn | null, message: string) =>
      problems.push({ row, kind, column, message });
    if (record.length !== header.length) {
      rowProblem(
        "cell_count",
        null,
        `This row has ${plural(record.length, "cell", "cells")}, the header ${header.length}: check for a stray comma or a missing quote.`,
      );
    }
    const cell = (column: ImportColumn) => {
      const at = position.get(column);
      return at === undefined ? "" : unguard((record[at] ?? "").trim());
    };
    const email = cell("email").toLowerCase();
    const name = cell("name");
    const managerEmail = cell("manager_email").toLowerCase();
    const isHrText = cell("is_hr").toLowerCase();

    if (email === "")
      rowProblem(
        "missing_field",
        "email",
        "The email is missing: every person needs one, it is how the import recognises them.",
      );
    else if (!isOrgChartEmail(email)) rowProblem("bad_email", "email", `“${cell("email")}” is not an email address.`);
    if (name === "") rowProblem("missing_field", "name", "The name is missing.");
    for (const column of ["name", "title", "department", "location"] as const) {
      if (cell(column).length > MAX_TEXT)
        rowProblem("too_long", column, `The ${column} is longer than ${MAX_TEXT} characters: shorten it.`);
    }
    if (managerEmail !== "" && !isOrgChartEmail(managerEmail)) {
      rowProblem("bad_email", "manager_email", `The manager email “${cell("manager_email")}” is not an email address.`);
    } else if (managerEmail !== "" && managerEmail === email) {
      rowProblem(
        "self_manager",
        "manager_email",
        "This person is named as their own manager: give their manager's email, or leave it empty for the top of the organisation.",
      );
    }
    if (!(isHrText in IS_HR)) {
      rowProblem(
        "bad_is_hr",
        "is_hr",
        `is_hr is “${cell("is_hr")}”: write yes or no (true/false and 1/0 work too), or leave it empty for no.`,
      );
    }
    rows.push({
      row,
      email,
      name,
      title: cell("title"),
      department: cell("department"),
      location: cell("location"),
      managerEmail: managerEmail === "" ? null : managerEmail,
      isHr: IS_HR[isHrText] ?? false,
    });
  });
  return { rows, problems };
}

// ---------------------------------------------------------------- the plan

const byRow = (a: ImportProblem, b: ImportProblem) => a.row - b.row;

/**
 * Reads the file and compares it with the people there are now. When there
 * are problems the plan still says what the readable rows would change, so
 * HR sees both, but `writes` is empty: nothing is applied from a file with
 * problems.
 */
export function planOrgImport(csv: string, current: readonly CurrentPerson[], options: PlanOptions): ImportPlan {
  const { rows, problems } = readOrgChartCsv(csv);
  const existing = new Map(current.map((person) => [person.email, person]));

  // ---- duplicate emails: every occurrence after the first
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
  const inFile = new Map(unique.map((row) => [row.email, row]));

  // ---- managers: null is the top of the organisation
  const managerOf = new Map<string, string | null>();
  /** Rows whose manager cannot be placed: no depth for them or below them. */
  const unplaced = new Set<string>();
  for (const row of unique) {
    const manager = row.managerEmail;
    managerOf.set(row.email, manager);
    if (manager === null) continue;
    if (manager === row.email || !EMAIL.test(manager)) {
      unplaced.add(row.email); // already a problem of the row
      continue;
    }
    if (inFile.has(manager)) continue;
    const known = existing.get(manager);
    const reason = !known
      ? `No one with the email ${manager} is in the file or the organisation: check the spelling, or add a row for them.`
      : !known.active
        ? `${manager} is deactivated: add a row for them to bring them back, or name another manager.`
        : options.deactivateMissing
          ? `${manager} is not in the file, and people missing from the file are being deactivated: add a row for them, or untick “deactivate”.`
          : null;
    if (reason) {
      problems.push({ row: row.row, kind: "unknown_manager", column: "manager_email", message: reason });
      unplaced.add(row.email);
    }
  }
  // People the file leaves out keep their manager, unless they are deactivated.
  if (!options.deactivateMissing) {
    for (const person of current) if (!inFile.has(person.email)) managerOf.set(person.email, person.managerEmail);
  }

  // ---- manager cycles, and everyone's depth in the resulting tree
  const level = new Map<string, number | null>();
  const reported = new Set<string>();
  for (const start of managerOf.keys()) {
    const path: string[] = [];
    const onPath = new Set<string>();
    let base: number | null = null;
    for (let at: string | null | undefined = start; ;) {
      if (at === null) {
        base = 0; // above the top
        break;
      }
      if (at === undefined || unplaced.has(at)) break; // no depth
      if (level.has(at)) {
        base = level.get(at)!;
        break;
      }
      if (onPath.has(at)) {
        reportCycle(path.slice(path.indexOf(at)));
        break;
      }
      path.push(at);
      onPath.add(at);
      at = managerOf.get(at);
    }
    for (let i = path.length - 1; i >= 0; i--) {
      base = base === null ? null : base + 1;
      level.set(path[i]!, base);
    }
  }
  function reportCycle(loop: string[]) {
    const key = [...loop].sort().join(" ");
    if (reported.has(key)) return;
    reported.add(key);
    const loopRows = loop.map((email) => inFile.get(email)?.row).filter((r): r is number => r !== undefined);
    const chain = [...loop, loop[0]].join(" → ");
    const where =
      loopRows.length > 1
        ? `Rows ${loopRows.slice(0, -1).join(", ")} and ${loopRows.at(-1)} make`
        : `Row ${loopRows[0]} makes`;
    for (const row of loopRows) {
      problems.push({
        row,
        kind: "manager_cycle",
        column: "manager_email",
        message: `${where} a manager cycle (${chain}): someone in it must report to a manager outside it.`,
      });
    }
  }

  // ---- what changes: rows with a problem are left out of the lists, since
  // what they would do is not known until they are fixed
  const rowsWithProblems = new Set(problems.map((p) => p.row));
  const added: ImportPlan["added"] = [];
  const changed: PersonChange[] = [];
  const reactivated: PersonChange[] = [];
  const writes: ImportPlan["writes"] = { people: [], levels: [], deactivate: [] };
  let unchanged = 0;
  for (const row of unique) {
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
    if (options.deactivateMissing) {
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
    added,
    changed,
    reactivated,
    deactivated,
    unchanged,
    writes: applicable ? writes : { people: [], levels: [], deactivate: [] },
  };
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

/** The header and rows of a file in the import's format: the template, or an
 *  export of the org chart that imports back unchanged. */
export function orgChartRows(people: readonly CurrentPerson[]): string[][] {
  return people.map((p) => [
    p.email,
    p.name,
    p.title,
    p.department,
    p.location,
    p.managerEmail ?? "",
    p.isHr ? "yes" : "no",
  ]);
}
