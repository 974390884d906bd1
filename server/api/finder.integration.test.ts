/**
 * The finder through the real router on a seeded organisation: what HR sees
 * is the published figures, placed and ranked by the rules of
 * server/domain/finder.ts; slices obey the remainder rule; evidence and
 * exports are audited; only HR gets in.
 */
import { TRPCError } from "@trpc/server";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { findActiveViewer, type Viewer } from "../db/queries/people";
import { queryRows } from "../db/rows";
import { seedDemoOrganisation } from "../db/seed/demo";
import { loadFinder } from "../db/queries/finder";
import { axisRange, median, QUADRANT_NAMES, quadrantOf, rankShortlist } from "../domain/finder";
import type { Quadrant } from "../../lib/vocabulary";
import { createCaller } from "./root";

let database: TestDatabase;
let publishedCycleId: string;
let hr: Viewer;
let admin: Viewer;

const callerFor = (viewer: Viewer) =>
  createCaller({
    db: database.db,
    user: { id: viewer.id, name: viewer.name, email: viewer.email, roles: viewer.roles },
    headers: new Headers(),
  });

beforeAll(async () => {
  database = await createTestDatabase();
  const seeded = await seedDemoOrganisation(database.db, {
    people: 150,
    seed: 2026,
    today: new Date("2026-11-28T12:00:00Z"),
  });
  publishedCycleId = seeded.cycles[0]!.cycleId;
  const ids = await queryRows<{ id: string }>(database.db, sql`select id from people order by email`);
  const viewers = (await Promise.all(ids.map((p) => findActiveViewer(database.db, p.id)))).filter(
    (v): v is Viewer => v !== null,
  );
  hr = viewers.find((v) => v.roles.hr && !v.roles.admin)!;
  admin = viewers.find((v) => v.roles.admin)!;
}, 120_000);
afterAll(async () => {
  await database?.destroy();
});

type Filters = { department?: string; level?: number; location?: string };

/** A view and both its lists read to the end, a small page at a time, as the page reads them. */
async function readAll(filters: Filters = {}, viewer: Viewer = hr) {
  const caller = callerFor(viewer);
  const view = await caller.finder.view({ cycleId: publishedCycleId, filters });
  const all = async (list: "shortlist" | "everyone") => {
    if (!view.slice.shown) return [];
    const people = [];
    for (let page = 1; ; page++) {
      const result = await caller.finder.people({ cycleId: publishedCycleId, filters, list, page, pageSize: 20 });
      people.push(...result.people);
      if (result.people.length < 20) {
        expect(people).toHaveLength(result.total);
        return people;
      }
    }
  };
  const people = await all("everyone");
  const shortlist = await all("shortlist");
  return { view, people, shortlist };
}

describe("finder.view and finder.people", () => {
  it("places every subject whose anonymous composite and visibility were published, at the organisation's medians", async () => {
    const { view, people } = await readAll();
    expect(view.cycle!.id).toBe(publishedCycleId);
    const expected = await queryRows<{ subject_id: string; shrunk: number; vis: number }>(
      database.db,
      sql`select pc.subject_id, pc.shrunk_mean as shrunk, ps.shrunk_mean as vis
          from published_composites pc
          join published_scores ps on ps.cycle_id = pc.cycle_id and ps.subject_id = pc.subject_id and ps."group" = 'others'
            and not ps.suppressed and ps.competency_id in (select id from competencies where kind = 'visibility')
          where pc.cycle_id = ${publishedCycleId} and pc."group" = 'others' and not pc.suppressed`,
    );
    expect(people.map((p) => p.id).sort()).toEqual(expected.map((e) => e.subject_id).sort());
    for (const person of people) {
      const row = expected.find((e) => e.subject_id === person.id)!;
      expect(person.competence).toBeCloseTo(Number(row.shrunk), 12);
      expect(person.visibility).toBeCloseTo(Number(row.vis), 12);
    }
    expect(view.medians!.competence).toBeCloseTo(median(expected.map((e) => Number(e.shrunk)))!, 12);
    expect(view.medians!.visibility).toBeCloseTo(median(expected.map((e) => Number(e.vis)))!, 12);
    const [subjects] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(distinct subject_id)::int as n from assignments where cycle_id = ${publishedCycleId}`,
    );
    expect(view.withoutPool + people.length).toBe(Number(subjects!.n));
    expect(view.withoutPool).toBeGreaterThan(0);
    // Everyone comes by name, in the database's own order for names; the
    // demo's few hundred are drawn one mark each, on the frame axisRange gives.
    const byName = await queryRows<{ id: string }>(
      database.db,
      sql`select pc.subject_id as id from published_composites pc join people p on p.id = pc.subject_id
          where pc.cycle_id = ${publishedCycleId} and pc."group" = 'others' and not pc.suppressed and pc.visibility is not null
          order by p.name, pc.subject_id`,
    );
    expect(people.map((p) => p.id)).toEqual(byName.map((p) => p.id));
    expect(view.chart?.kind).toBe("points");
    expect(view.chart!.kind === "points" && view.chart!.people).toEqual(people);
    const extent = (values: number[], middle: number) => axisRange(Math.min(...values), Math.max(...values), middle);
    expect(view.chart!.competence).toEqual(
      extent(
        people.map((p) => p.competence),
        view.medians!.competence,
      ),
    );
    expect(view.chart!.visibility).toEqual(
      extent(
        people.map((p) => p.visibility),
        view.medians!.visibility,
      ),
    );
  });

  it("places and ranks by the plain rules: quadrants at the medians, the shortlist by the lower bound of each interval", async () => {
    const { view, people, shortlist } = await readAll();
    const medians = view.medians!;
    for (const person of people) expect(person.quadrant, person.name).toBe(quadrantOf(person, medians));
    for (const quadrant of Object.keys(QUADRANT_NAMES) as Quadrant[])
      expect(view.quadrants[quadrant]).toBe(people.filter((p) => p.quadrant === quadrant).length);
    expect(shortlist.length).toBeGreaterThan(3);
    expect(shortlist.map((p) => p.id)).toEqual(rankShortlist(people, medians).map((p) => p.id));
    expect(shortlist.map((p) => p.rank)).toEqual(shortlist.map((_, index) => index + 1));
    // The view brings the shortlist's first page with it, as finder.people gives it.
    expect(view.shortlist).toEqual(
      await callerFor(hr).finder.people({ cycleId: publishedCycleId, filters: {}, list: "shortlist" }),
    );
    expect(view.shortlist.people).toEqual(shortlist.slice(0, view.shortlist.pageSize));
    // Everyone's table carries the same ranks.
    for (const person of people) expect(person.rank).toBe(shortlist.find((p) => p.id === person.id)?.rank ?? null);
    // The range is the shrunk estimate's: it holds the shrunk competence, and is wider for fewer responses.
    for (const person of people) {
      expect(person.competenceLow!).toBeLessThanOrEqual(person.competence + 1e-12);
      expect(person.competenceHigh!).toBeGreaterThanOrEqual(person.competence - 1e-12);
    }
    const width = (p: (typeof people)[number]) => p.competenceHigh! - p.competenceLow!;
    const byResponses = [...people].sort((a, b) => a.responses - b.responses);
    expect(width(byResponses[0]!)).toBeGreaterThan(width(byResponses.at(-1)!));
  });

  it("filters by department, keeping the organisation's quadrant lines and frame, and ranking within the slice", async () => {
    const whole = await readAll();
    const department = whole.view.options.departments.find(
      (d) => whole.people.filter((p) => p.department === d).length >= 6,
    )!;
    const { view, people, shortlist } = await readAll({ department });
    expect(view.slice.shown).toBe(true);
    expect(people.map((p) => p.id)).toEqual(whole.people.filter((p) => p.department === department).map((p) => p.id));
    expect(view.medians).toEqual(whole.view.medians);
    expect([view.chart!.competence, view.chart!.visibility]).toEqual([
      whole.view.chart!.competence,
      whole.view.chart!.visibility,
    ]);
    // The slice's shortlist keeps the organisation's order, ranked from 1.
    expect(shortlist.map((p) => p.id)).toEqual(
      whole.shortlist.filter((p) => p.department === department).map((p) => p.id),
    );
    expect(shortlist.map((p) => p.rank)).toEqual(shortlist.map((_, index) => index + 1));
    expect(view.quadrants.quiet_influencer).toBe(shortlist.length);
  });

  it("draws a large view as a density grid that counts everyone once, with the head of the shortlist marked", async () => {
    const { view, people, shortlist } = await readAll();
    const grid = await loadFinder(database.db, { cycleId: publishedCycleId, pointsLimit: 10 });
    if (grid.chart?.kind !== "density") throw new Error("expected a density grid above the points limit");
    const { bins, competence, visibility, cells, leaders } = grid.chart;
    expect(grid.quadrants).toEqual(view.quadrants);
    expect(cells.reduce((sum, cell) => sum + cell.people, 0)).toBe(people.length);
    const cellOf = (value: number, [from, to]: [number, number]) =>
      Math.min(bins - 1, Math.max(0, Math.floor(((value - from) / (to - from)) * bins)));
    const expected = new Map<string, number>();
    for (const p of people) {
      const key = `${cellOf(p.competence, competence)}:${cellOf(p.visibility, visibility)}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    expect(new Map(cells.map((c) => [`${c.competence}:${c.visibility}`, c.people]))).toEqual(expected);
    expect(leaders).toEqual(shortlist.slice(0, 10));
  });

  it("shows people as they stood when the cycle was published, whatever the org chart does since", async () => {
    const { people } = await readAll();
    const moved = people[0]!;
    await database.db.execute(
      sql`update people set department = 'Moved Since', title = 'New Title' where id = ${moved.id}`,
    );
    try {
      const after = await readAll();
      expect(after.people.find((p) => p.id === moved.id)).toEqual(moved);
      expect(after.view.options.departments).not.toContain("Moved Since");
    } finally {
      await database.db.execute(
        sql`update people set department = ${moved.department}, title = ${moved.title} where id = ${moved.id}`,
      );
    }
  });

  it("refuses a slice below k, and one whose remainder within a broader view is below k, with nothing about its people", async () => {
    const whole = await readAll();
    const k = whole.view.cycle!.minGroupSize;
    const count = (f: Filters) =>
      whole.people.filter(
        (p) =>
          (f.department === undefined || p.department === f.department) &&
          (f.level === undefined || p.level === f.level) &&
          (f.location === undefined || p.location === f.location),
      ).length;

    // A department at a level with fewer than k people.
    let small: { department: string; level: number } | undefined;
    let remainder: { department: string; level: number } | undefined;
    for (const department of whole.view.options.departments) {
      for (const level of whole.view.options.levels) {
        const n = count({ department, level });
        const rest = count({ department }) - n;
        if (n > 0 && n < k) small ??= { department, level };
        if (n >= k && ((rest > 0 && rest < k) || (count({ level }) - n > 0 && count({ level }) - n < k)))
          remainder ??= { department, level };
      }
    }
    expect(small, "the demo has a department level below k").toBeDefined();
    const refused = await callerFor(hr).finder.view({ filters: small! });
    expect(refused.slice).toMatchObject({ shown: false });
    expect(refused.slice.shown === false && refused.slice.reason).toMatch(/a view needs at least 3 people/);
    expect(refused.chart).toBeNull();
    expect(Object.values(refused.quadrants)).toEqual([0, 0, 0, 0]);

    expect(remainder, "the demo has a slice whose remainder is below k").toBeDefined();
    const view = await callerFor(hr).finder.view({ filters: remainder! });
    expect(view.slice.shown === false && view.slice.reason).toMatch(
      /differs from .* by only \d (person|people), fewer than 3/,
    );
    expect(view.chart).toBeNull();
    // Its lists and its export are refused, with the same reason.
    for (const attempt of [
      () => callerFor(hr).finder.people({ cycleId: publishedCycleId, filters: remainder!, list: "everyone" }),
      () => callerFor(hr).finder.people({ cycleId: publishedCycleId, filters: small!, list: "shortlist" }),
      () => callerFor(hr).finder.exportShortlist({ cycleId: publishedCycleId, filters: small! }),
    ]) {
      const error = await attempt().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TRPCError);
      expect((error as TRPCError).code).toBe("BAD_REQUEST");
      expect((error as TRPCError).message).toMatch(/needs at least 3 people|differs from/);
    }
  });

  it("answers NOT_FOUND for a cycle that is not published, and refuses bad filters and pages with a 400", async () => {
    const [collecting] = await queryRows<{ id: string }>(
      database.db,
      sql`select id from cycles where status = 'collecting' limit 1`,
    );
    const notPublished = await callerFor(hr)
      .finder.view({ cycleId: collecting!.id })
      .catch((e: unknown) => e);
    expect((notPublished as TRPCError).code).toBe("NOT_FOUND");
    const noList = await callerFor(hr)
      .finder.people({ cycleId: collecting!.id, list: "everyone" })
      .catch((e: unknown) => e);
    expect((noList as TRPCError).code).toBe("NOT_FOUND");
    for (const bad of [
      () => callerFor(hr).finder.view({ filters: { level: "three" } as never }),
      () => callerFor(hr).finder.people({ cycleId: publishedCycleId, list: "everyone", page: 0 }),
      () => callerFor(hr).finder.people({ cycleId: publishedCycleId, list: "everyone", pageSize: 201 }),
      () => callerFor(hr).finder.people({ cycleId: publishedCycleId, list: "others" as never }),
    ]) {
      expect(((await bad().catch((e: unknown) => e)) as TRPCError).code).toBe("BAD_REQUEST");
    }
    // A page past the end is empty, and says how many there are.
    const past = await callerFor(hr).finder.people({ cycleId: publishedCycleId, list: "everyone", page: 1000 });
    expect(past.people).toEqual([]);
    expect(past.total).toBeGreaterThan(0);
  });
});

describe("evidence and export", () => {
  it("writes an audit entry for each evidence view and each export, which admins can read", async () => {
    const view = await readAll();
    const subjectId = view.shortlist[0]!.id;
    const before = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from audit_log`);

    const evidence = await callerFor(hr).finder.evidence({ cycleId: publishedCycleId, subjectId });
    expect(evidence.person.id).toBe(subjectId);
    expect(evidence.composite.others).toMatchObject({ suppressed: false });
    expect(evidence.report.competencies).toHaveLength(5);
    const exported = await callerFor(hr).finder.exportShortlist({ cycleId: publishedCycleId });
    expect(exported.rows).toBe(view.shortlist.length);

    const entries = await queryRows<{
      actor_id: string;
      action: string;
      subject_id: string | null;
      cycle_id: string | null;
      details: unknown;
    }>(
      database.db,
      sql`select actor_id, action, subject_id, cycle_id, details from audit_log order by id desc limit 2`,
    );
    expect(entries.reverse()).toEqual([
      { actor_id: hr.id, action: "evidence.view", subject_id: subjectId, cycle_id: publishedCycleId, details: null },
      {
        actor_id: hr.id,
        action: "shortlist.export",
        subject_id: null,
        cycle_id: publishedCycleId,
        details: { filters: {}, rows: view.shortlist.length },
      },
    ]);
    const after = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from audit_log`);
    expect(Number(after[0]!.n) - Number(before[0]!.n)).toBe(2);

    const log = await callerFor(admin).audit.list({ limit: 2 });
    expect(log.entries.map((e) => [e.action, e.actor, e.subject])).toEqual([
      ["shortlist.export", hr.name, null],
      ["evidence.view", hr.name, evidence.person.name],
    ]);
    // A page at a time: the newest, then what came before it.
    const first = await callerFor(admin).audit.list({ limit: 1 });
    expect(first.more).toBe(true);
    const older = await callerFor(admin).audit.list({ limit: 1, before: first.entries[0]!.id });
    expect(older.entries.map((e) => e.action)).toEqual(["evidence.view"]);
  });

  it("exports the shortlist in its order, one row per person, with the figures shown", async () => {
    const view = await readAll();
    const { csv, filename } = await callerFor(hr).finder.exportShortlist({ cycleId: publishedCycleId });
    expect(filename).toMatch(/^quiet-influencers-spring-2026-review\.csv$/);
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toMatch(/^Rank,Name,Title,Department,Level,Location,/);
    expect(lines).toHaveLength(view.shortlist.length + 1);
    view.shortlist.forEach((person, index) => {
      expect(lines[index + 1]!.startsWith(`${index + 1},${person.name},`)).toBe(true);
      expect(lines[index + 1]).toContain(`,${Math.round(person.competence * 100) / 100},`);
    });
    // Nothing that speaks of raters, and nobody but the shortlisted by name.
    expect(csv).not.toMatch(/peer|rated by/i);
    const shortlisted = new Set(view.shortlist.map((p) => p.name));
    for (const person of view.people.filter((p) => !shortlisted.has(p.name))) {
      expect(csv).not.toContain(person.name);
    }
  });

  it("has no evidence for someone outside the cycle", async () => {
    // Someone who joined after the cycle was published.
    const [outsider] = await queryRows<{ id: string }>(
      database.db,
      sql`insert into people (email, name) values ('finder-newcomer@example.com', 'Finder Newcomer') returning id`,
    );
    const error = await callerFor(hr)
      .finder.evidence({ cycleId: publishedCycleId, subjectId: outsider!.id })
      .catch((e: unknown) => e);
    expect((error as TRPCError).code).toBe("NOT_FOUND");
    // And an id that is nobody at all.
    const nobody = await callerFor(hr)
      .finder.evidence({ cycleId: publishedCycleId, subjectId: "00000000-0000-4000-8000-000000000000" })
      .catch((e: unknown) => e);
    expect((nobody as TRPCError).code).toBe("NOT_FOUND");
  });
});
