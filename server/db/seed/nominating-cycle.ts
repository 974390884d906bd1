import "server-only";
import { planRaters, type SimOrganisation } from "../../simulator";
import { createRng, deriveSeed } from "../../domain/random";
import type { Db } from "../engines";
import { cycles, nominations } from "../schema";
import { insertInBatches } from "./batches";
import type { SeededModel } from "./competency-model";

/**
 * A cycle in its nominating phase, for one department: some people have
 * proposed peers, a few of those are already approved by their manager, and
 * others have not started. It lets the demo show nominations from both sides.
 */
export async function seedNominatingCycle(
  db: Db,
  options: {
    org: SimOrganisation;
    personIds: string[];
    model: SeededModel;
    name: string;
    department: string;
    opensOn: string;
    closesOn: string;
  },
): Promise<{ cycleId: string }> {
  const { org, personIds } = options;
  const [cycle] = await db
    .insert(cycles)
    .values({
      name: options.name,
      status: "nominating",
      modelId: options.model.modelId,
      opensOn: options.opensOn,
      closesOn: options.closesOn,
      departments: [options.department],
      minPeers: 3,
      maxPeers: 6,
    })
    .returning({ id: cycles.id });
  const rng = createRng(deriveSeed(org.settings.seed, options.name));
  const inDepartment = new Set(org.people.filter((p) => p.department === options.department).map((p) => p.index));
  const rows: (typeof nominations.$inferInsert)[] = [];
  const peersBySubject = new Map<number, number[]>();
  for (const r of planRaters(org)) {
    if (r.relationship !== "peer" || !inDepartment.has(r.subjectIndex)) continue;
    peersBySubject.set(r.subjectIndex, [...(peersBySubject.get(r.subjectIndex) ?? []), r.raterIndex]);
  }
  for (const [subjectIndex, peers] of peersBySubject) {
    const progress = rng.next();
    if (progress < 0.4) continue; // not started yet
    const chosen = peers.slice(0, progress < 0.7 ? 2 : Math.min(peers.length, 4));
    const managerHasDecided = progress > 0.85;
    for (const peer of chosen) {
      rows.push({
        cycleId: cycle!.id,
        subjectId: personIds[subjectIndex]!,
        nomineeId: personIds[peer]!,
        status: managerHasDecided ? "approved" : "proposed",
      });
    }
  }
  await insertInBatches(db, nominations, rows);
  return { cycleId: cycle!.id };
}
