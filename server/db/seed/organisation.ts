import "server-only";
import { randomUUID } from "node:crypto";
import type { SimOrganisation } from "../../simulator";
import type { Db } from "../engines";
import { people } from "../schema";
import { insertInBatches } from "./batches";

/** Writes the simulated org chart; returns each person's id by simulator index.
 *  Managers are written before their reports (by level) so every manager_id
 *  already exists when it is referenced. */
export async function insertOrganisation(db: Db, org: SimOrganisation): Promise<string[]> {
  const ids = org.people.map(() => randomUUID());
  const byLevel = [...org.people].sort((a, b) => a.level - b.level || a.index - b.index);
  await insertInBatches(
    db,
    people,
    byLevel.map((person) => ({
      id: ids[person.index]!,
      email: person.email,
      name: person.name,
      title: person.title,
      department: person.department,
      location: person.location,
      level: person.level,
      managerId: person.managerIndex === null ? null : ids[person.managerIndex]!,
      isHr: person.isHr,
      isAdmin: person.isAdmin,
    })),
  );
  return ids;
}
