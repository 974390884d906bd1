/**
 * The tree the org chart would be after an import: every manager placed (a
 * row of the file or, when people missing from the file are kept, someone
 * already active), manager cycles found, and everyone's level, the depth in
 * the resulting tree (1 = top), including people the file does not list.
 */
import { type CurrentPerson, EMAIL, type ImportProblem, type ImportRow } from "./org-chart-format";

/** The file's rows beside the org chart as it is now: what the tree and the plan's lists are worked out from. */
export interface FileAgainstOrgChart {
  /** The file's rows, one per email. */
  rows: readonly ImportRow[];
  /** The same rows by email. */
  inFile: ReadonlyMap<string, ImportRow>;
  /** The people there are now, and the same by email. */
  current: readonly CurrentPerson[];
  existing: ReadonlyMap<string, CurrentPerson>;
  deactivateMissing: boolean;
}

/**
 * Each person's level in the resulting tree (null: not placed, since a
 * manager above them cannot be), and the problems of the rows whose manager
 * is unknown, deactivated, or part of a cycle.
 */
export function levelsInResultingTree({ rows, inFile, current, existing, deactivateMissing }: FileAgainstOrgChart): {
  level: Map<string, number | null>;
  problems: ImportProblem[];
} {
  const problems: ImportProblem[] = [];

  // ---- managers: null is the top of the organisation
  const managerOf = new Map<string, string | null>();
  /** Rows whose manager cannot be placed: no depth for them or below them. */
  const unplaced = new Set<string>();
  for (const row of rows) {
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
        : deactivateMissing
          ? `${manager} is not in the file, and people missing from the file are being deactivated: add a row for them, or untick “deactivate”.`
          : null;
    if (reason) {
      problems.push({ row: row.row, kind: "unknown_manager", column: "manager_email", message: reason });
      unplaced.add(row.email);
    }
  }
  // People the file leaves out keep their manager, unless they are deactivated.
  if (!deactivateMissing) {
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

  return { level, problems };
}
