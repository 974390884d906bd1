import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { Refusal } from "../../domain/refusal";
import type { Db } from "../engines";
import { people, publishedComposites } from "../schema";
import { compositeFigureOf, figureColumns } from "./published-figure";
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

  const rows = await db
    .select(figureColumns(publishedComposites))
    .from(publishedComposites)
    .where(
      and(
        eq(publishedComposites.cycleId, cycle.id),
        eq(publishedComposites.subjectId, subjectId),
        inArray(publishedComposites.group, ["others", "self", "manager"]),
      ),
    );
  const figure = (group: "others" | "self" | "manager"): CompositeFigure | null => {
    const row = rows.find((r) => r.group === group);
    return row ? compositeFigureOf(row) : null;
  };
  return {
    cycle,
    person,
    composite: { others: figure("others"), self: figure("self"), manager: figure("manager") },
    report,
  };
}
