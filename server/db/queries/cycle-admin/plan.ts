/** What a cycle's requests are planned from, read from the database. */
import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { AssignmentPlanInput } from "../../../domain/assignment-plan";
import type { Db } from "../../engines";
import { cycles, nominations, people } from "../../schema";
import { takesPart } from "../participants";
import type { CycleRow } from "./settings";

interface Participant {
  id: string;
  name: string;
  department: string;
  managerId: string | null;
}

/** What the plan is built from: the cycle's participants, everyone active,
 *  and the approved nominations in the order they were made. Nominations
 *  carry no approval time, so creation order (then id) stands in for it. */
export async function loadPlanInput(
  db: Db,
  cycle: CycleRow,
): Promise<{ participants: Participant[]; input: AssignmentPlanInput }> {
  const participants: Participant[] = await db
    .select({ id: people.id, name: people.name, department: people.department, managerId: people.managerId })
    .from(people)
    .innerJoin(cycles, eq(cycles.id, cycle.id))
    .where(takesPart(people, cycles))
    .orderBy(people.department, people.name, people.id);
  const activePeople = await db
    .select({ id: people.id, managerId: people.managerId })
    .from(people)
    .where(eq(people.active, true));
  const approvedNominations = await db
    .select({ subjectId: nominations.subjectId, nomineeId: nominations.nomineeId })
    .from(nominations)
    .where(and(eq(nominations.cycleId, cycle.id), eq(nominations.status, "approved")))
    .orderBy(asc(nominations.createdAt), asc(nominations.id));
  return {
    participants,
    input: {
      participants,
      activePeople,
      approvedNominations,
      maxPeers: cycle.maxPeers,
    },
  };
}
