import "server-only";
import { simulateOrganisation } from "../../domain/simulator";
import type { Db } from "../engines";
import { insertDefaultCompetencyModel } from "./competency-model";
import { seedCycle } from "./cycle";
import { seedNominatingCycle } from "./nominating-cycle";
import { publishCycle } from "../queries/publish-cycle";
import { insertOrganisation } from "./organisation";

export interface DemoSeedOptions {
  people?: number;
  seed?: number;
  /** Cycle dates are set around this day so the demo always looks current. */
  today?: Date;
  onProgress?: (message: string) => void;
  /** Also a department-wide cycle in its nominating phase (the demo has one;
   *  tests that count cycles leave it out). */
  withNominatingCycle?: boolean;
}

function isoDay(base: Date, offsetDays: number): string {
  return new Date(base.getTime() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The demo organisation: a simulated org chart, the default competency model,
 * a past cycle whose answers are in and published, and a cycle collecting now
 * with requests still open. Same seed, same people and answers.
 */
export async function seedDemoOrganisation(db: Db, options: DemoSeedOptions = {}) {
  const people = options.people ?? 150;
  const seed = options.seed ?? 2026;
  const today = options.today ?? new Date();
  const say = options.onProgress ?? (() => {});

  const org = simulateOrganisation({ people, seed });
  say(`organisation: ${org.people.length} people in ${org.departments.length} departments`);
  const personIds = await insertOrganisation(db, org);
  const model = await insertDefaultCompetencyModel(db);
  const year = today.getUTCFullYear();

  const past = await seedCycle(db, {
    org,
    personIds,
    model,
    name: `Spring ${year} review`,
    status: "closed",
    opensOn: isoDay(today, -250),
    closesOn: isoDay(today, -222),
    submittedShare: 0.86,
    declinedShare: 0.05,
    draftShare: 0,
    onProgress: say,
  });
  // Published through the same code HR uses, so the demo's reports are real.
  await publishCycle(db, past.cycleId);
  say(`Spring ${year} review: published`);
  const current = await seedCycle(db, {
    org,
    personIds,
    model,
    name: `Autumn ${year} review`,
    status: "collecting",
    opensOn: isoDay(today, -10),
    closesOn: isoDay(today, 14),
    submittedShare: 0.42,
    declinedShare: 0.03,
    draftShare: 0.12,
    onProgress: say,
  });
  let nominating: { cycleId: string } | null = null;
  if (options.withNominatingCycle) {
    // The largest team-based department, so most demo employees can nominate.
    const sizes = new Map<string, number>();
    for (const p of org.people) if (!p.isHr && p.managerIndex !== null) sizes.set(p.department, (sizes.get(p.department) ?? 0) + 1);
    const department = [...sizes].sort((a, b) => b[1] - a[1])[0]?.[0];
    if (department) {
      nominating = await seedNominatingCycle(db, {
        org,
        personIds,
        model,
        name: `${department} pulse, early ${year + 1}`,
        department,
        opensOn: isoDay(today, 21),
        closesOn: isoDay(today, 42),
      });
    }
  }
  return { people: personIds.length, cycles: [past, current], nominating };
}
