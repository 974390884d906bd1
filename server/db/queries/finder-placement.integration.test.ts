/**
 * Placing a cycle for the finder: publish does it, and migration 0010 did it
 * for cycles published before; both must leave the same rows. And placing
 * again (a publish repeated) replaces, never adds.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { queryRows } from "../rows";
import { seedDemoOrganisation } from "../seed/demo";
import { placeForFinder } from "./finder-placement";

let database: TestDatabase;
let cycleIds: string[];

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoOrganisation(database.db, { people: 150, seed: 2026, today: new Date("2026-11-28T12:00:00Z") });
  const published = await queryRows<{ id: string }>(
    database.db,
    sql`select id from cycles where status = 'published' order by name`,
  );
  cycleIds = published.map((c) => c.id);
}, 120_000);
afterAll(async () => {
  await database?.destroy();
});

/** Everything placed, in a fixed order, as plain values. */
async function placed() {
  const people = await queryRows(database.db, sql`select * from published_finder_people order by cycle_id, subject_id`);
  const groups = await queryRows(
    database.db,
    sql`select * from published_finder_groups order by cycle_id, department, level nulls first, location, quadrant`,
  );
  const cycles = await queryRows(database.db, sql`select * from published_finder_cycles order by cycle_id`);
  return JSON.parse(JSON.stringify({ people, groups, cycles })) as {
    people: unknown[];
    groups: unknown[];
    cycles: unknown[];
  };
}

describe("placing cycles for the finder", () => {
  it("places each published cycle once, and placing again replaces what was there", async () => {
    expect(cycleIds.length).toBeGreaterThanOrEqual(1);
    const before = await placed();
    expect(before.cycles).toHaveLength(cycleIds.length);
    expect(before.people.length).toBeGreaterThan(100);
    for (const id of cycleIds) await database.db.transaction((tx) => placeForFinder(tx, id));
    expect(await placed()).toEqual(before);
  });

  it("migration 0010 places cycles published before it exactly as publish does", async () => {
    const before = await placed();
    await database.db.execute(sql`delete from published_finder_groups`);
    await database.db.execute(sql`delete from published_finder_people`);
    await database.db.execute(sql`delete from published_finder_cycles`);
    // The migration's last statement is the one that places earlier cycles.
    const migration = readFileSync(path.join(process.cwd(), "drizzle", "0010_finder_placed_at_publish.sql"), "utf8");
    const backfill = migration.split("--> statement-breakpoint").at(-1)!;
    expect(backfill).toMatch(/DO \$\$/);
    await database.db.execute(sql.raw(backfill));
    expect(await placed()).toEqual(before);
  });
});
