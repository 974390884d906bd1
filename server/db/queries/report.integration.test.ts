/**
 * "My report" through the real router: it shows the viewer's own stored
 * figures and nothing else, hides what publishing hid, shuffles comments per
 * request, and has no way to ask for someone else's report.
 */
import { TRPCError } from "@trpc/server";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "@/server/api/root";
import type { ContextUser } from "@/server/api/trpc";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { queryRows } from "../rows";
import { seedDemoOrganisation } from "../seed/demo";

let database: TestDatabase;
let publishedCycleId: string;
let collectingCycleId: string;

function callerFor(id: string) {
  const user: ContextUser = {
    id,
    name: "Viewer",
    email: "viewer@example.com",
    roles: { manager: false, hr: false, admin: false },
  };
  return createCaller({ db: database.db, user, headers: new Headers() });
}

type Stored = {
  subject_id: string;
  key: string;
  group: string;
  n: number;
  suppressed: boolean;
  mean: number | null;
  ci_low: number | null;
  ci_high: number | null;
  distribution: number[] | null;
};
async function storedRows(subjectId: string, cycleId: string): Promise<Stored[]> {
  return queryRows<Stored>(
    database.db,
    sql`select ps.subject_id, c.key, ps."group"::text as "group", ps.n, ps.suppressed, ps.mean, ps.ci_low, ps.ci_high, ps.distribution
        from published_scores ps join competencies c on c.id = ps.competency_id
        where ps.subject_id = ${subjectId} and ps.cycle_id = ${cycleId}`,
  );
}

/** A subject of the published cycle chosen by a condition written in SQL. */
async function subjectWhere(condition: ReturnType<typeof sql>): Promise<string> {
  const [row] = await queryRows<{ subject_id: string }>(
    database.db,
    sql`select subject_id from published_scores ps where ps.cycle_id = ${publishedCycleId} group by subject_id having ${condition} order by subject_id limit 1`,
  );
  if (!row) throw new Error("the seeded organisation has no such subject");
  return row.subject_id;
}

beforeAll(async () => {
  database = await createTestDatabase();
  const seeded = await seedDemoOrganisation(database.db, {
    people: 60,
    seed: 11,
    today: new Date("2026-11-28T12:00:00Z"),
  });
  [publishedCycleId, collectingCycleId] = seeded.cycles.map((c) => c.cycleId) as [string, string];
});
afterAll(async () => {
  await database?.destroy();
});

describe("reports.mine", () => {
  it("equals the stored published rows of the viewer, and only theirs", async () => {
    const subjectId = await subjectWhere(sql`bool_or(not suppressed and "group" = 'others')`);
    const report = await callerFor(subjectId).reports.mine({});
    expect(report).not.toBeNull();
    expect(report!.cycle.id).toBe(publishedCycleId);
    expect(report!.cycle.minGroupSize).toBe(3);
    expect(report!.cycles.map((c) => c.id)).toEqual([publishedCycleId]);

    const stored = await storedRows(subjectId, publishedCycleId);
    const axes = [...report!.competencies, ...(report!.visibility ? [report!.visibility] : [])];
    const shown: Stored[] = [];
    for (const axis of axes) {
      for (const [group, figure] of Object.entries(axis.groups)) {
        if (!figure) continue;
        shown.push({
          subject_id: subjectId,
          key: axis.key,
          group,
          n: figure.n,
          suppressed: figure.suppressed,
          mean: figure.suppressed ? null : figure.mean,
          ci_low: figure.suppressed ? null : figure.ciLow,
          ci_high: figure.suppressed ? null : figure.ciHigh,
          distribution: figure.suppressed ? null : figure.distribution,
        });
      }
    }
    const normalise = (rows: Stored[]) =>
      rows
        .map((r) => ({ ...r, n: Number(r.n), distribution: r.distribution?.map(Number) ?? null }))
        .sort((a, b) => `${a.key}|${a.group}`.localeCompare(`${b.key}|${b.group}`));
    expect(normalise(shown)).toEqual(normalise(stored));
    expect(report!.competencies.length).toBe(5);
    expect(report!.visibility?.kind).toBe("visibility");
  });

  it("computes the organisation's mean from every subject's shown others means", async () => {
    const subjectId = await subjectWhere(sql`true`);
    const report = await callerFor(subjectId).reports.mine({ cycleId: publishedCycleId });
    const [expected] = await queryRows<{ mean: number }>(
      database.db,
      sql`select avg(ps.mean)::float8 as mean from published_scores ps join competencies c on c.id = ps.competency_id
          where ps.cycle_id = ${publishedCycleId} and c.key = ${report!.competencies[0]!.key} and ps."group" = 'others' and not ps.suppressed`,
    );
    expect(report!.competencies[0]!.orgMean).toBeCloseTo(Number(expected!.mean), 10);
  });

  it("gives a hidden group no figures at all, only its count", async () => {
    const subjectId = await subjectWhere(sql`bool_or(suppressed)`);
    const report = await callerFor(subjectId).reports.mine({});
    const hidden = [...report!.competencies, report!.visibility!]
      .flatMap((axis) => Object.values(axis.groups))
      .filter((figure) => figure?.suppressed);
    expect(hidden.length).toBeGreaterThan(0);
    for (const figure of hidden) expect(Object.keys(figure!).sort()).toEqual(["n", "suppressed"]);
  });

  it("orders comments randomly per request, without ids", async () => {
    const subjectId = await subjectWhere(
      sql`(select count(*) from published_comments pc where pc.cycle_id = ${publishedCycleId} and pc.subject_id = ps.subject_id) >= 6`,
    );
    const caller = callerFor(subjectId);
    const orders = new Set<string>();
    for (let attempt = 0; attempt < 8 && orders.size < 2; attempt++) {
      const report = await caller.reports.mine({});
      const all = report!.comments.flatMap((group) => group.bodies);
      expect(all.length).toBeGreaterThanOrEqual(3);
      for (const group of report!.comments) expect(Object.keys(group).sort()).toEqual(["bodies", "group", "question"]);
      orders.add(JSON.stringify(all));
    }
    expect(orders.size).toBeGreaterThan(1);
    const [stored] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from published_comments where cycle_id = ${publishedCycleId} and subject_id = ${subjectId}`,
    );
    const report = await caller.reports.mine({});
    expect(report!.comments.flatMap((g) => g.bodies).length).toBe(Number(stored!.n));
  });

  it("never answers with another person's report", async () => {
    // Someone who joined after the published cycle: not a subject of it.
    const [outsider] = await queryRows<{ id: string }>(
      database.db,
      sql`insert into people (email, name) values ('report-newcomer@example.com', 'Report Newcomer') returning id`,
    );
    await expect(callerFor(outsider!.id).reports.mine({ cycleId: publishedCycleId })).resolves.toBeNull();
    await expect(callerFor(outsider!.id).reports.mine({})).resolves.toBeNull();
    const subjectId = await subjectWhere(sql`true`);
    const error = await callerFor(subjectId)
      .reports.mine({ subjectId } as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("BAD_REQUEST");
    const unknownCycle = await callerFor(subjectId).reports.mine({ cycleId: "00000000-0000-4000-8000-000000000000" });
    expect(unknownCycle).toBeNull();
  });

  it("shows nothing of a cycle that is not published", async () => {
    const [subject] = await queryRows<{ subject_id: string }>(
      database.db,
      sql`select subject_id from assignments where cycle_id = ${collectingCycleId} limit 1`,
    );
    await expect(callerFor(subject!.subject_id).reports.mine({ cycleId: collectingCycleId })).resolves.toBeNull();
    // Even with figures stored for it, a cycle that is not 'published' stays invisible.
    await database.db.execute(sql`update cycles set status = 'closed' where id = ${publishedCycleId}`);
    try {
      const subjectId = await subjectWhere(sql`true`);
      await expect(callerFor(subjectId).reports.mine({})).resolves.toBeNull();
      await expect(callerFor(subjectId).reports.mine({ cycleId: publishedCycleId })).resolves.toBeNull();
    } finally {
      await database.db.execute(sql`update cycles set status = 'published' where id = ${publishedCycleId}`);
    }
  });
});

describe("reports.mine over two published cycles", () => {
  let history: TestDatabase;
  let earlierCycleId: string;
  let latestCycleId: string;
  const callerOn = (id: string) =>
    createCaller({
      db: history.db,
      user: { id, name: "Viewer", email: "viewer@example.com", roles: { manager: false, hr: false, admin: false } },
      headers: new Headers(),
    });

  beforeAll(async () => {
    history = await createTestDatabase();
    const seeded = await seedDemoOrganisation(history.db, {
      people: 60,
      seed: 11,
      today: new Date("2026-11-28T12:00:00Z"),
      withEarlierCycle: true,
    });
    earlierCycleId = seeded.earlier!.cycleId;
    latestCycleId = seeded.cycles[0]!.cycleId;
  });
  afterAll(async () => {
    await history?.destroy();
  });

  it("shows the latest by default, lists both newest first, and trends each axis against the earlier one's stored figures", async () => {
    const [subject] = await queryRows<{ subject_id: string }>(
      history.db,
      sql`select subject_id from published_scores where cycle_id = ${earlierCycleId} and "group" = 'others' and not suppressed
          intersect
          select subject_id from published_scores where cycle_id = ${latestCycleId} and "group" = 'others' and not suppressed
          order by 1 limit 1`,
    );
    const report = await callerOn(subject!.subject_id).reports.mine({});
    expect(report!.cycle.id).toBe(latestCycleId);
    expect(report!.cycles.map((c) => c.id)).toEqual([latestCycleId, earlierCycleId]);
    expect(report!.trend.cycles.map((c) => c.id)).toEqual([earlierCycleId]);

    const earlierOthers = await queryRows<{ key: string; n: number; suppressed: boolean; mean: number | null }>(
      history.db,
      sql`select c.key, ps.n, ps.suppressed, ps.mean from published_scores ps join competencies c on c.id = ps.competency_id
          where ps.cycle_id = ${earlierCycleId} and ps.subject_id = ${subject!.subject_id} and ps."group" = 'others'`,
    );
    expect(report!.trend.rows).toHaveLength(6);
    for (const row of report!.trend.rows) {
      const stored = earlierOthers.find((r) => r.key === row.key)!;
      const expected = stored.suppressed
        ? { suppressed: true, n: Number(stored.n) }
        : { suppressed: false, n: Number(stored.n), mean: Number(stored.mean) };
      expect(row.points).toEqual([{ cycleId: earlierCycleId, figure: expected }]);
    }

    // Asked for the earlier cycle, there is nothing before it to trend against.
    const first = await callerOn(subject!.subject_id).reports.mine({ cycleId: earlierCycleId });
    expect(first!.cycle.id).toBe(earlierCycleId);
    expect(first!.trend.cycles).toEqual([]);
  });
});
