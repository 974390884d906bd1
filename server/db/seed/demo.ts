import "server-only";
import { eq } from "drizzle-orm";
import { simulateOrganisation } from "../../simulator";
import type { Db } from "../engines";
import { defaultCompetencyModel } from "./competency-model";
import { seedCycle } from "./cycle";
import { seedNominatingCycle } from "./nominating-cycle";
import { publishCycle } from "../queries/publish";
import { insertOrganisation } from "./organisation";
import { cycles } from "../schema";

export interface DemoSeedOptions {
  people?: number;
  seed?: number;
  /** Cycle dates are set around this day so the demo always looks current. */
  today?: Date;
  onProgress?: (message: string) => void;
  /** Also a department-wide cycle in its nominating phase (the demo has one;
   *  tests that count cycles leave it out). */
  withNominatingCycle?: boolean;
  /** Also a review a year before the published one, published too, so that
   *  reports have a trend to show (the demo has one; most tests leave it out). */
  withEarlierCycle?: boolean;
}

/** The demo as `npm start` makes it in an empty embedded database (and `npm run db:seed` anywhere). */
export const FULL_DEMO = { withNominatingCycle: true, withEarlierCycle: true } as const satisfies DemoSeedOptions;

function isoDay(base: Date, offsetDays: number): string {
  return new Date(base.getTime() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

/** Published through the same code HR uses, so the demo's reports are real,
 *  and dated a week after close, as HR would have published it. */
async function publishAsOf(db: Db, cycleId: string, day: string) {
  await publishCycle(db, { cycleId });
  await db
    .update(cycles)
    .set({ publishedAt: new Date(`${day}T09:00:00Z`) })
    .where(eq(cycles.id, cycleId));
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
  const model = await defaultCompetencyModel(db);
  const year = today.getUTCFullYear();

  let earlier: { cycleId: string; responses: number } | null = null;
  if (options.withEarlierCycle) {
    earlier = await seedCycle(db, {
      org,
      personIds,
      model,
      name: `Autumn ${year - 1} review`,
      status: "closed",
      opensOn: isoDay(today, -430),
      closesOn: isoDay(today, -402),
      submittedShare: 0.8,
      declinedShare: 0.06,
      draftShare: 0,
      onProgress: say,
    });
    await publishAsOf(db, earlier.cycleId, isoDay(today, -395));
    say(`Autumn ${year - 1} review: published`);
  }

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
  await publishAsOf(db, past.cycleId, isoDay(today, -215));
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
    for (const p of org.people)
      if (!p.isHr && p.managerIndex !== null) sizes.set(p.department, (sizes.get(p.department) ?? 0) + 1);
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
  return { people: personIds.length, cycles: [past, current], earlier, nominating };
}
