/**
 * The org chart as a CSV file, the format HR imports and exports: its
 * columns and limits, what a row says about a person, and the problems a
 * file can have, each on the row where a spreadsheet shows it.
 */

export const IMPORT_COLUMNS = ["email", "name", "title", "department", "location", "manager_email", "is_hr"] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

export const MAX_IMPORT_ROWS = 20_000;
/** Characters, which for a CSV of names and emails is about the same as bytes. */
export const MAX_IMPORT_CHARS = 5 * 1024 * 1024;
const MAX_EMAIL = 254;
export const MAX_TEXT = 200;

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

export const EMAIL = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>"]+$/;

/** An address the org chart takes for a person (the import's rule, also for `npm run setup`). */
export function isOrgChartEmail(value: string): boolean {
  return value.length <= MAX_EMAIL && EMAIL.test(value);
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
