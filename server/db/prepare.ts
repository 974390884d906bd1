import "server-only";
import { count } from "drizzle-orm";
import type { DatabaseHandle } from "./engines";
import { people } from "./schema";
import { countAdministrators } from "./queries/first-administrator";
import { defaultCompetencyModel } from "./seed/competency-model";
import { seedDemoOrganisation, type DemoSeedOptions } from "./seed/demo";

export async function countPeople(handle: DatabaseHandle): Promise<number> {
  const [row] = await handle.db.select({ n: count() }).from(people);
  return row?.n ?? 0;
}

/**
 * Brings a database up to date: migrations and the default competency model
 * always; the demo organisation only when asked and only into an empty
 * database, so a restart never reseeds and never loses anything. Says how
 * many people are there, and how many of them can sign in and run things.
 */
export async function prepareDatabase(
  handle: DatabaseHandle,
  options: { seedDemoIfEmpty: boolean } & DemoSeedOptions,
): Promise<{ seeded: boolean; people: number; administrators: number }> {
  await handle.migrate();
  await defaultCompetencyModel(handle.db);
  const existing = await countPeople(handle);
  if (existing === 0 && options.seedDemoIfEmpty) {
    const result = await seedDemoOrganisation(handle.db, options);
    return { seeded: true, people: result.people, administrators: await countAdministrators(handle.db) };
  }
  return { seeded: false, people: existing, administrators: await countAdministrators(handle.db) };
}
