/**
 * HR's organisation views through the router, on the demo organisation with
 * two published reviews: department cells are means of published subject
 * figures, small departments are hidden with a reason, and movers are exactly
 * the people whose earlier composite lies outside this cycle's interval.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { findActiveViewer, type Viewer } from "../db/queries/people";
import { queryRows } from "../db/rows";
import { seedDemoOrganisation } from "../db/seed/demo";
import { createCaller } from "./root";

let database: TestDatabase;
let latestId: string;
let earlierId: string;
let hr: Viewer;

const asHr = () =>
  createCaller({
    db: database.db,
    user: { id: hr.id, name: hr.name, email: hr.email, roles: hr.roles },
    headers: new Headers(),
  });

beforeAll(async () => {
  database = await createTestDatabase();
  const seeded = await seedDemoOrganisation(database.db, {
    people: 150,
    seed: 2026,
    today: new Date("2026-11-28T12:00:00Z"),
    withEarlierCycle: true,
  });
  latestId = seeded.cycles[0]!.cycleId;
  earlierId = seeded.earlier!.cycleId;
  const ids = await queryRows<{ id: string }>(database.db, sql`select id from people where is_hr order by email`);
  hr = (await findActiveViewer(database.db, ids[0]!.id))!;
}, 120_000);
afterAll(async () => {
  await database?.destroy();
});

describe("organisation.overview", () => {
  it("shows each department's mean of its people's published figures, hiding departments and cells below k", async () => {
    const view = await asHr().organisation.overview({});
    expect(view.cycle!.id).toBe(latestId);
    expect(view.axes.map((a) => a.kind)).toEqual([
      "competency",
      "competency",
      "competency",
      "competency",
      "competency",
      "visibility",
    ]);
    const shown = view.departments.filter((d) => d.shown);
    expect(shown.length).toBeGreaterThan(2);
    for (const axis of view.axes) {
      const [org] = await queryRows<{ mean: number }>(
        database.db,
        sql`select avg(shrunk_mean)::float8 as mean from published_scores
            where cycle_id = ${latestId} and competency_id = ${axis.id} and "group" = 'others' and not suppressed`,
      );
      expect(view.organisation[axis.id]).toBeCloseTo(Number(org!.mean), 12);
    }
    for (const department of shown) {
      for (const axis of view.axes) {
        const [expected] = await queryRows<{ people: number; mean: number | null }>(
          database.db,
          sql`select count(*)::int as people, avg(ps.shrunk_mean)::float8 as mean
              from published_scores ps join people p on p.id = ps.subject_id
              where ps.cycle_id = ${latestId} and ps.competency_id = ${axis.id} and ps."group" = 'others'
                and not ps.suppressed and p.department = ${department.department}`,
        );
        const cell = department.cells[axis.id]!;
        expect(cell.people).toBe(Number(expected!.people));
        if (cell.shown) expect(cell.mean).toBeCloseTo(Number(expected!.mean), 12);
      }
    }
    // The one-person Executive department (the CEO) is hidden, with the reason and no figures.
    const hidden = view.departments.filter((d) => !d.shown);
    expect(hidden.length).toBeGreaterThan(0);
    for (const department of hidden) {
      expect(department.reason).toMatch(/needs at least 3 people|differs from|cannot reveal the smaller/);
      expect(department.cells).toEqual({});
    }
  });

  it("hides the complement too: the organisation's mean minus the shown departments never gives away 1 … k−1 people", async () => {
    const view = await asHr().organisation.overview({});
    const k = view.cycle!.minGroupSize;
    // The demo's one-person Executive department is what the attack recovered.
    expect(view.departments.some((d) => !d.shown && d.people > 0 && d.people < k)).toBe(true);
    for (const axis of view.axes) {
      const [everyone] = await queryRows<{ people: number }>(
        database.db,
        sql`select count(*)::int as people from published_scores
            where cycle_id = ${latestId} and competency_id = ${axis.id} and "group" = 'others' and not suppressed`,
      );
      const shownCells = view.departments
        .filter((d) => d.shown)
        .map((d) => d.cells[axis.id]!)
        .filter((c) => c.shown);
      const recovered = Number(everyone!.people) - shownCells.reduce((sum, c) => sum + c.people, 0);
      expect(recovered === 0 || recovered >= k, `${axis.key}: the subtraction isolates ${recovered}`).toBe(true);
      // And every shown cell holds k.
      for (const c of shownCells) expect(c.people).toBeGreaterThanOrEqual(k);
    }
    for (const rate of view.responseRates) expect(rate.participants).toBeGreaterThanOrEqual(k);
  });

  it("lists as movers exactly those whose earlier composite lies outside this cycle's interval", async () => {
    const view = await asHr().organisation.overview({});
    expect(view.movers.previous!.id).toBe(earlierId);
    const pairs = await queryRows<{
      subject_id: string;
      before: number;
      now: number;
      ci_low: number | null;
      ci_high: number | null;
    }>(
      database.db,
      sql`select cur.subject_id, prev.mean as before, cur.mean as now, cur.ci_low, cur.ci_high
          from published_composites cur
          join published_composites prev on prev.subject_id = cur.subject_id and prev.cycle_id = ${earlierId}
            and prev."group" = 'others' and not prev.suppressed
          where cur.cycle_id = ${latestId} and cur."group" = 'others' and not cur.suppressed`,
    );
    const expectedRose = pairs
      .filter((p) => p.ci_low !== null && Number(p.before) < Number(p.ci_low))
      .map((p) => p.subject_id);
    const expectedFell = pairs
      .filter((p) => p.ci_high !== null && Number(p.before) > Number(p.ci_high))
      .map((p) => p.subject_id);
    expect(view.movers.rose.map((m) => m.id).sort()).toEqual(expectedRose.sort());
    expect(view.movers.fell.map((m) => m.id).sort()).toEqual(expectedFell.sort());
    expect(pairs.length).toBeGreaterThan(50);

    // The earlier cycle has nothing before it.
    const first = await asHr().organisation.overview({ cycleId: earlierId });
    expect(first.movers).toEqual({ previous: null, rose: [], fell: [] });
  });

  it("gives response rates per department that add up to the cycle's requests", async () => {
    const view = await asHr().organisation.overview({});
    const [total] = await queryRows<{ n: number; submitted: number }>(
      database.db,
      sql`select count(*)::int as n, count(*) filter (where status = 'submitted')::int as submitted from assignments where cycle_id = ${latestId}`,
    );
    expect(view.responseRates.reduce((s, d) => s + d.total, 0)).toBe(Number(total!.n));
    expect(view.responseRates.reduce((s, d) => s + d.submitted, 0)).toBe(Number(total!.submitted));
  });
});
