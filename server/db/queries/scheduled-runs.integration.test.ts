import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { claimScheduledRun, hourSlot } from "./scheduled-runs";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.destroy();
});

describe("scheduled runs", () => {
  it("run once per slot however many servers ask, and again in the next slot", async () => {
    const slot = hourSlot(new Date("2026-12-03T07:59:59Z"));
    expect(slot).toBe("2026-12-03T07");
    const claims = await Promise.all(
      Array.from({ length: 5 }, () => claimScheduledRun(database.db, { name: "reminders", slot })),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await claimScheduledRun(database.db, { name: "reminders", slot })).toBe(false);
    expect(
      await claimScheduledRun(database.db, { name: "reminders", slot: hourSlot(new Date("2026-12-03T08:00:00Z")) }),
    ).toBe(true);
    // Another schedule has slots of its own.
    expect(await claimScheduledRun(database.db, { name: "other", slot })).toBe(true);
  });
});
