/** What a cycle's requests are planned from, read from the database. */
import "server-only";
import { sql } from "drizzle-orm";
import type { AssignmentPlanInput } from "../../../domain/assignment-plan";
import type { Db } from "../../engines";
import { queryRows } from "../../rows";
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
  const participants = await queryRows<{ id: string; name: string; department: string; manager_id: string | null }>(
    db,
    sql`select p.id, p.name, p.department, p.manager_id from people p, cycles c
        where c.id = ${cycle.id} and ${takesPart("p", "c")}
        order by p.department, p.name, p.id`,
  );
  const active = await queryRows<{ id: string; manager_id: string | null }>(
    db,
    sql`select id, manager_id from people where active`,
  );
  const nominations = await queryRows<{ subject_id: string; nominee_id: string }>(
    db,
    sql`select subject_id, nominee_id from nominations
        where cycle_id = ${cycle.id} and status = 'approved'
        order by created_at, id`,
  );
  const people = participants.map((p) => ({
    id: p.id,
    name: p.name,
    department: p.department,
    managerId: p.manager_id,
  }));
  return {
    participants: people,
    input: {
      participants: people,
      activePeople: active.map((p) => ({ id: p.id, managerId: p.manager_id })),
      approvedNominations: nominations.map((n) => ({ subjectId: n.subject_id, nomineeId: n.nominee_id })),
      maxPeers: cycle.max_peers,
    },
  };
}
