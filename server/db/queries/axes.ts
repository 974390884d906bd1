import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Db } from "../engines";
import { competencies, cycles } from "../schema";

/** The axes of a cycle's competency model as the results pages order them:
 *  the competencies in model order, then the visibility axis. */
export async function listCycleAxes(db: Db, cycleId: string) {
  return db
    .select({ id: competencies.id, key: competencies.key, name: competencies.name, kind: competencies.kind })
    .from(competencies)
    .innerJoin(cycles, eq(cycles.modelId, competencies.modelId))
    .where(eq(cycles.id, cycleId))
    .orderBy(sql`${competencies.kind} = 'visibility'`, competencies.position);
}
