import "server-only";
import { sql } from "drizzle-orm";
import { Refusal } from "../../domain/refusal";
import type { Db } from "../engines";
import { queryRows } from "../rows";
import { chooseFinderCycle, type FinderCycle } from "./finder";
import { loadMyReport, type MyReport } from "./report";

/** The composite of one group, as published: hidden ones carry their count only. */
export type CompositeFigure =
  | { suppressed: true; n: number }
  | {
      suppressed: false;
      n: number;
      mean: number;
      ciLow: number | null;
      ciHigh: number | null;
      shrunkMean: number | null;
      differenceFromOthers: number | null;
      agreement: "blind_spot" | "hidden_strength" | "in_line" | null;
    };

export interface Evidence {
  cycle: FinderCycle;
  person: { id: string; name: string; title: string; department: string; level: number | null; location: string };
  composite: { others: CompositeFigure | null; self: CompositeFigure | null; manager: CompositeFigure | null };
  /** The person's published report of that cycle: competencies with intervals, agreement, comments. */
  report: MyReport;
}

const evidenceNotFound = () => new Refusal("not_found", "No published results for this person in this cycle.");

/** Everything a promotion panel reads about one person in one published cycle. */
export async function loadEvidence(db: Db, cycleId: string, subjectId: string): Promise<Evidence> {
  const { cycle } = await chooseFinderCycle(db, cycleId).catch((error: unknown) => {
    if (error instanceof Refusal && error.kind === "not_found") throw evidenceNotFound();
    throw error;
  });
  const [person] = await queryRows<Evidence["person"]>(
    db,
    sql`select id, name, title, department, level, location from people where id = ${subjectId}`,
  );
  const report = person && cycle ? await loadMyReport(db, subjectId, cycle.id) : null;
  if (!person || !cycle || !report) throw evidenceNotFound();

  const rows = await queryRows<{
    group: "others" | "self" | "manager";
    n: number;
    suppressed: boolean;
    mean: number | null;
    ci_low: number | null;
    ci_high: number | null;
    shrunk_mean: number | null;
    difference_from_others: number | null;
    agreement: "blind_spot" | "hidden_strength" | "in_line" | null;
  }>(
    db,
    sql`select "group"::text as "group", n, suppressed, mean, ci_low, ci_high, shrunk_mean, difference_from_others,
               agreement::text as agreement
        from published_composites
        where cycle_id = ${cycle.id} and subject_id = ${subjectId} and "group" in ('others', 'self', 'manager')`,
  );
  const num = (v: number | null) => (v === null ? null : Number(v));
  const figure = (group: "others" | "self" | "manager"): CompositeFigure | null => {
    const row = rows.find((r) => r.group === group);
    if (!row) return null;
    if (row.suppressed || row.mean === null) return { suppressed: true, n: Number(row.n) };
    return {
      suppressed: false,
      n: Number(row.n),
      mean: Number(row.mean),
      ciLow: num(row.ci_low),
      ciHigh: num(row.ci_high),
      shrunkMean: num(row.shrunk_mean),
      differenceFromOthers: num(row.difference_from_others),
      agreement: row.agreement,
    };
  };
  return {
    cycle,
    person: { ...person, level: person.level === null ? null : Number(person.level) },
    composite: { others: figure("others"), self: figure("self"), manager: figure("manager") },
    report,
  };
}
