/**
 * The anonymity rules of publishing, tried on many random cycles: random
 * mixes of peers and direct reports per subject (none, a few, many), random
 * "not observed" patterns that make a competency's group smaller than the
 * response count, and random k. Every stored row of every cycle must obey:
 * no anonymous figure from fewer than k raters; nested anonymous groups
 * differ by 0 or ≥ k; attributed answers never counted among the anonymous.
 */
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRng } from "@/server/domain/random";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { queryRows } from "../rows";
import { cycles, people, responseRatings, responses, statements } from "../schema";
import { insertInBatches } from "../seed/batches";
import { seedDemoOrganisation } from "../seed/demo";
import { publishCycle } from "./publish";

let database: TestDatabase;
let db: TestDatabase["db"];
let modelId: string;
let personIds: string[];
let statementIds: string[];

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  await seedDemoOrganisation(db, { people: 30, seed: 3, today: new Date("2026-11-28T12:00:00Z") });
  const [cycle] = await db.select({ modelId: cycles.modelId }).from(cycles).limit(1);
  modelId = cycle!.modelId;
  personIds = (await db.select({ id: people.id }).from(people)).map((p) => p.id);
  statementIds = (await db.select({ id: statements.id }).from(statements)).map((s) => s.id);
});
afterAll(async () => {
  await database?.destroy();
});

/** A closed cycle whose responses are drawn at random; returns its id and k. */
async function randomClosedCycle(seed: number): Promise<{
  cycleId: string;
  k: number;
  expected: Map<string, { self: number; manager: number; anonymous: number }>;
}> {
  const rng = createRng(`publish-property-${seed}`);
  const k = rng.int(3, 5);
  const [cycle] = await db
    .insert(cycles)
    .values({
      name: `Random ${seed}`,
      status: "closed",
      modelId,
      opensOn: "2026-01-01",
      closesOn: "2026-01-31",
      minGroupSize: k,
    })
    .returning({ id: cycles.id });
  const subjects = rng.shuffle(personIds).slice(0, rng.int(3, 8));
  const responseRows: (typeof responses.$inferInsert)[] = [];
  const ratingRows: (typeof responseRatings.$inferInsert)[] = [];
  const expected = new Map<string, { self: number; manager: number; anonymous: number }>();
  const notObservedRate = rng.pick([0, 0.1, 0.4, 0.8]);
  for (const subjectId of subjects) {
    const counts = {
      self: rng.chance(0.8) ? 1 : 0,
      manager: rng.chance(0.8) ? 1 : 0,
      peer: rng.int(0, 7),
      direct_report: rng.pick([0, 0, 1, 2, 3, 4, 6]),
    };
    expected.set(subjectId, {
      self: counts.self,
      manager: counts.manager,
      anonymous: counts.peer + counts.direct_report,
    });
    for (const [relationship, n] of Object.entries(counts) as [keyof typeof counts, number][]) {
      for (let i = 0; i < n; i++) {
        const id = randomUUID();
        responseRows.push({ id, cycleId: cycle!.id, subjectId, relationship });
        for (const statementId of statementIds) {
          ratingRows.push({ responseId: id, statementId, value: rng.chance(notObservedRate) ? null : rng.int(1, 5) });
        }
      }
    }
  }
  // Every subject needs a request so that publishing knows them, even with no responses.
  await db.execute(sql`insert into assignments (cycle_id, subject_id, rater_id, relationship, status)
    select ${cycle!.id}, p.id, p.id, 'self', 'pending' from people p
    where p.id in (${sql.join(
      subjects.map((s) => sql`${s}::uuid`),
      sql`, `,
    )})`);
  await insertInBatches(db, responses, responseRows);
  await insertInBatches(db, responseRatings, ratingRows);
  return { cycleId: cycle!.id, k, expected };
}

describe("publishing random cycles", () => {
  it("never breaks the anonymity rules, whatever the mix of raters and answers", async () => {
    let rowsChecked = 0;
    let splitsSeen = 0;
    let hiddenSeen = 0;
    for (let seed = 1; seed <= 25; seed++) {
      const { cycleId, k, expected } = await randomClosedCycle(seed);
      await publishCycle(db, { cycleId });
      const rows = await queryRows<{
        subject_id: string;
        competency_id: string;
        group: string;
        n: number;
        suppressed: boolean;
        mean: number | null;
      }>(
        db,
        // The composite is checked as one more axis, under the same rules.
        sql`select subject_id, competency_id::text, "group"::text as "group", n, suppressed, mean
            from published_scores where cycle_id = ${cycleId}
            union all
            select subject_id, 'composite', "group"::text, n, suppressed, mean
            from published_composites where cycle_id = ${cycleId}`,
      );
      const cells = new Map<string, typeof rows>();
      for (const r of rows)
        cells.set(`${r.subject_id}|${r.competency_id}`, [
          ...(cells.get(`${r.subject_id}|${r.competency_id}`) ?? []),
          r,
        ]);
      for (const [key, cell] of cells) {
        const subjectId = key.split("|")[0]!;
        const anonymous = cell.filter((r) => r.group === "others" || r.group === "peer" || r.group === "direct_report");
        for (const r of anonymous) {
          if (!r.suppressed) expect(r.n, `${key} ${r.group} k=${k}`).toBeGreaterThanOrEqual(k);
          else expect(r.mean).toBeNull();
          hiddenSeen += r.suppressed ? 1 : 0;
        }
        const others = cell.find((r) => r.group === "others")!;
        // Never more anonymous raters than anonymous responses: self and manager are not among them.
        expect(others.n).toBeLessThanOrEqual(expected.get(subjectId)!.anonymous);
        for (const part of anonymous.filter((r) => r.group !== "others" && !r.suppressed)) {
          const difference = others.n - part.n;
          expect(
            difference === 0 || difference >= k,
            `${key} ${part.group}: others ${others.n}, part ${part.n}, k=${k}`,
          ).toBe(true);
          splitsSeen++;
        }
        for (const r of cell.filter((r) => r.group === "self" || r.group === "manager")) expect(r.n).toBe(1);
        rowsChecked += cell.length;
      }
      await db.delete(cycles).where(eq(cycles.id, cycleId));
    }
    // The random cycles really did reach the interesting cases.
    expect(rowsChecked).toBeGreaterThan(500);
    expect(hiddenSeen).toBeGreaterThan(0);
    expect(splitsSeen).toBeGreaterThan(0);
  });
});
