/**
 * Reading an org-chart CSV into rows, with every problem of the file, its
 * header and each row on the row where a spreadsheet shows it. What the rows
 * mean together (duplicates, managers) is the plan's (org-import.ts).
 */
import { parse } from "csv-parse/sync";
import {
  IMPORT_COLUMNS,
  type ImportColumn,
  type ImportProblem,
  type ImportRow,
  isOrgChartEmail,
  MAX_IMPORT_CHARS,
  MAX_IMPORT_ROWS,
  MAX_TEXT,
  type ProblemKind,
} from "./org-chart-format";
import { plural } from "../../lib/format";

interface ParsedFile {
  rows: ImportRow[];
  problems: ImportProblem[];
}

/** A spreadsheet's formula guard (an apostrophe before =, +, -, @) as our
 *  own export writes it (server/domain/csv.ts) is taken off again. */
function unguard(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
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

/** Reads the CSV text into rows and the problems of each row. */
export function readOrgChartCsv(text: string): ParsedFile {
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

  const { position, problems } = readHeader(header);
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

/** Where each column is in the header (any order, any case), and the header's problems: all on row 1. */
function readHeader(header: string[]): { position: Map<ImportColumn, number>; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
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
  return { position, problems };
}
