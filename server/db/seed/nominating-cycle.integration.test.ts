import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { queryRows } from "../rows";
import { seedDemoOrganisation } from "./demo";

let database: TestDatabase;
let seeded: Awaited<ReturnType<typeof seedDemoOrganisation>>;

beforeAll(async () => {
  database = await createTestDatabase();
  seeded = await seedDemoOrganisation(database.db, { people: 80, seed: 5, withNominatingCycle: true });
});
afterAll(async () => {
  await database?.destroy();
});

describe("the demo's nominating cycle", () => {
  it("covers one department, with some proposed and some approved peers, and nobody nominating themselves or their own line", async () => {
    expect(seeded.nominating).not.toBeNull();
    const [cycle] = await queryRows<{ status: string; departments: string[] }>(
      database.db,
      sql`select status, departments from cycles where id = ${seeded.nominating!.cycleId}`,
    );
    expect(cycle!.status).toBe("nominating");
    expect(cycle!.departments).toHaveLength(1);

    const rows = await queryRows<{ status: string; subject_department: string; wrong_role: boolean }>(
      database.db,
      sql`select n.status, s.department as subject_department,
                 (n.nominee_id = s.manager_id or p.manager_id = s.id or n.nominee_id = s.id) as wrong_role
          from nominations n join people s on s.id = n.subject_id join people p on p.id = n.nominee_id
          where n.cycle_id = ${seeded.nominating!.cycleId}`,
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(["proposed", "approved"]));
    expect(rows.every((r) => r.subject_department === cycle!.departments[0])).toBe(true);
    expect(rows.some((r) => r.wrong_role)).toBe(false);
  });
});
