import { plural } from "@/lib/format";
import type { ImportCounts } from "./types";

/** A count with its thousands grouped, as an organisation's counts need. */
export const number = (n: number) => n.toLocaleString("en");
/** "1 person", "20,000 people". */
export const people = (n: number) => plural(n, "person", "people");

/** How many people the import would write: added, changed, reactivated or deactivated. */
export function changeCount(counts: ImportCounts): number {
  return counts.added + counts.changed + counts.reactivated + counts.deactivated;
}

/** The counts in the order the page gives them; "reactivated" only when someone comes back, which is rare. */
export function countsInOrder(counts: ImportCounts, withUnchanged = true): [label: string, count: number][] {
  return [
    ["added", counts.added],
    ["changed", counts.changed],
    ...(counts.reactivated > 0 ? [["reactivated", counts.reactivated] as [string, number]] : []),
    ["deactivated", counts.deactivated],
    ...(withUnchanged ? [["unchanged", counts.unchanged] as [string, number]] : []),
  ];
}

/** "3 added, 1 changed, 0 deactivated, 40 unchanged". */
export function summaryText(counts: ImportCounts, withUnchanged = true): string {
  return countsInOrder(counts, withUnchanged)
    .map(([label, count]) => `${number(count)} ${label}`)
    .join(", ");
}
