import "server-only";
import { eq, sql } from "drizzle-orm";
import { Refusal } from "../../domain/refusal";
import type { Db } from "../engines";
import { queryRows } from "../rows";
import { people } from "../schema";
import { compositeFigureOf, type FigureRow, figureColumns } from "./published-figure";
import { chooseFinderCycle } from "./finder";
import { loadMyReport } from "./report";
import type { Evidence } from "../../shapes/finder";
import type { CompositeFigure } from "../../shapes/published-report";

const evidenceNotFound = () => new Refusal("not_found", "No published results for this person in this cycle.");

/** Everything a promotion panel reads about one person in one published cycle (its shape: server/shapes/finder.ts). */
export async function loadEvidence(
  db: Db,
  { cycleId, subjectId }: { cycleId: string; subjectId: string },
): Promise<Evidence> {
  const { cycle } = await chooseFinderCycle(db, cycleId).catch((error: unknown) => {
    if (error instanceof Refusal && error.kind === "not_found") throw evidenceNotFound();
    throw error;
  });
  const [person] = await db
    .select({
      id: people.id,
      name: people.name,
      title: people.title,
      department: people.department,
      level: people.level,
      location: people.location,
    })
    .from(people)
    .where(eq(people.id, subjectId));
  const report = person && cycle ? await loadMyReport(db, { subjectId, cycleId: cycle.id }) : null;
  if (!person || !cycle || !report) throw evidenceNotFound();

  const rows = await queryRows<FigureRow>(
    db,
    sql`select ${figureColumns("pc")}
        from published_composites pc
        where pc.cycle_id = ${cycle.id} and pc.subject_id = ${subjectId} and pc."group" in ('others', 'self', 'manager')`,
  );
  const figure = (group: "others" | "self" | "manager"): CompositeFigure | null => {
    const row = rows.find((r) => r.group === group);
    return row ? compositeFigureOf(row) : null;
  };
  return {
    cycle,
    person: { ...person, level: person.level === null ? null : Number(person.level) },
    composite: { others: figure("others"), self: figure("self"), manager: figure("manager") },
    report,
  };
}
