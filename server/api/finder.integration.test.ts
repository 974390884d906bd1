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
import { median } from "../domain/finder";
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
  const seeded = await seedDemoOrganisation(database.db, { people: 150, seed: 2026, today: new Date("2026-11-28T12:00:00Z") });
  publishedCycleId = seeded.cycles[0]!.cycleId;
  const ids = await queryRows<{ id: string }>(database.db, sql`select id from people order by email`);
  const viewers = (await Promise.all(ids.map((p) => findActiveViewer(database.db, p.id)))).filter((v): v is Viewer => v !== null);
  hr = viewers.find((v) => v.roles.hr && !v.roles.admin)!;
  admin = viewers.find((v) => v.roles.admin)!;
}, 120_000);
afterAll(async () => {
  await database?.destroy();
});

describe("finder.view", () => {
  it("plots every subject whose anonymous composite and visibility were published, at the organisation's medians", async () => {
    const view = await callerFor(hr).finder.view({});
    expect(view.cycle!.id).toBe(publishedCycleId);
    const expected = await queryRows<{ subject_id: string; shrunk: number; vis: number }>(
      database.db,
      sql`select pc.subject_id, pc.shrunk_mean as shrunk, ps.shrunk_mean as vis
          from published_composites pc
          join published_scores ps on ps.cycle_id = pc.cycle_id and ps.subject_id = pc.subject_id and ps."group" = 'others'
            and not ps.suppressed and ps.competency_id in (select id from competencies where kind = 'visibility')
          where pc.cycle_id = ${publishedCycleId} and pc."group" = 'others' and not pc.suppressed`,
    );
    expect(view.people.map((p) => p.id).sort()).toEqual(expected.map((e) => e.subject_id).sort());
    for (const person of view.people) {
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
    expect(view.withoutPool + view.people.length).toBe(Number(subjects!.n));
    expect(view.withoutPool).toBeGreaterThan(0);
  });

  it("shortlists exactly the quiet influencers, by the lower bound of their competence interval", async () => {
    const view = await callerFor(hr).finder.view({});
    const { medians } = view;
    const quiet = view.people.filter((p) => p.competence > medians!.competence && p.visibility <= medians!.visibility);
    expect(quiet.length).toBeGreaterThan(3);
    expect(view.people.filter((p) => p.quadrant === "quiet_influencer").map((p) => p.id).sort()).toEqual(quiet.map((p) => p.id).sort());
    expect([...view.shortlist].sort()).toEqual(quiet.map((p) => p.id).sort());
    const floors = view.shortlist.map((id) => view.people.find((p) => p.id === id)!.competenceLow ?? -Infinity);
    expect(floors).toEqual([...floors].sort((a, b) => b - a));
    // The range is the shrunk estimate's: it holds the shrunk competence, and is wider for fewer responses.
    for (const person of view.people) {
      expect(person.competenceLow!).toBeLessThanOrEqual(person.competence + 1e-12);
      expect(person.competenceHigh!).toBeGreaterThanOrEqual(person.competence - 1e-12);
    }
    const width = (p: (typeof view.people)[number]) => p.competenceHigh! - p.competenceLow!;
    const byResponses = [...view.people].sort((a, b) => a.responses - b.responses);
    expect(width(byResponses[0]!)).toBeGreaterThan(width(byResponses.at(-1)!));
  });

  it("filters by department, keeping the organisation's quadrant lines", async () => {
    const whole = await callerFor(hr).finder.view({});
    const department = whole.options.departments.find((d) => whole.people.filter((p) => p.department === d).length >= 6)!;
    const view = await callerFor(hr).finder.view({ filters: { department } });
    expect(view.slice.shown).toBe(true);
    expect(view.people.length).toBe(whole.people.filter((p) => p.department === department).length);
    expect(view.people.every((p) => p.department === department)).toBe(true);
    expect(view.medians).toEqual(whole.medians);
    expect(view.shortlist.every((id) => whole.shortlist.includes(id))).toBe(true);
  });

  it("refuses a slice below k, and one whose remainder within a broader view is below k, with nothing about its people", async () => {
    const whole = await callerFor(hr).finder.view({});
    const k = whole.cycle!.minGroupSize;
    const count = (f: { department?: string; level?: number; location?: string }) =>
      whole.people.filter(
        (p) =>
          (f.department === undefined || p.department === f.department) &&
          (f.level === undefined || p.level === f.level) &&
          (f.location === undefined || p.location === f.location),
      ).length;

    // A department at a level with fewer than k people.
    let small: { department: string; level: number } | undefined;
    let remainder: { department: string; level: number } | undefined;
    for (const department of whole.options.departments) {
      for (const level of whole.options.levels) {
        const n = count({ department, level });
        const rest = count({ department }) - n;
        if (n > 0 && n < k) small ??= { department, level };
        if (n >= k && ((rest > 0 && rest < k) || (count({ level }) - n > 0 && count({ level }) - n < k))) remainder ??= { department, level };
      }
    }
    expect(small, "the demo has a department level below k").toBeDefined();
    const refused = await callerFor(hr).finder.view({ filters: small! });
    expect(refused.slice).toMatchObject({ shown: false });
    expect(refused.slice.shown === false && refused.slice.reason).toMatch(/a view needs at least 3 people/);
    expect(refused.people).toEqual([]);
    expect(refused.shortlist).toEqual([]);

    expect(remainder, "the demo has a slice whose remainder is below k").toBeDefined();
    const view = await callerFor(hr).finder.view({ filters: remainder! });
    expect(view.slice.shown === false && view.slice.reason).toMatch(/differs from .* by only \d (person|people), fewer than 3/);
    expect(view.people).toEqual([]);
    // And an export of a refused slice is refused, with the same reason.
    const error = await callerFor(hr)
      .finder.exportShortlist({ cycleId: publishedCycleId, filters: small! })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("BAD_REQUEST");
  });

  it("answers NOT_FOUND for a cycle that is not published, and refuses bad filters with a 400", async () => {
    const [collecting] = await queryRows<{ id: string }>(database.db, sql`select id from cycles where status = 'collecting' limit 1`);
    const notPublished = await callerFor(hr).finder.view({ cycleId: collecting!.id }).catch((e: unknown) => e);
    expect((notPublished as TRPCError).code).toBe("NOT_FOUND");
    const bad = await callerFor(hr)
      .finder.view({ filters: { level: "three" } as never })
      .catch((e: unknown) => e);
    expect((bad as TRPCError).code).toBe("BAD_REQUEST");
  });
});

describe("evidence and export", () => {
  it("writes an audit entry for each evidence view and each export, which admins can read", async () => {
    const view = await callerFor(hr).finder.view({});
    const subjectId = view.shortlist[0]!;
    const before = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from audit_log`);

    const evidence = await callerFor(hr).finder.evidence({ cycleId: publishedCycleId, subjectId });
    expect(evidence.person.id).toBe(subjectId);
    expect(evidence.composite.others).toMatchObject({ suppressed: false });
    expect(evidence.report.competencies).toHaveLength(5);
    const exported = await callerFor(hr).finder.exportShortlist({ cycleId: publishedCycleId });
    expect(exported.rows).toBe(view.shortlist.length);

    const entries = await queryRows<{ actor_id: string; action: string; subject_id: string | null; cycle_id: string | null; details: unknown }>(
      database.db,
      sql`select actor_id, action, subject_id, cycle_id, details from audit_log order by id desc limit 2`,
    );
    expect(entries.reverse()).toEqual([
      { actor_id: hr.id, action: "evidence.view", subject_id: subjectId, cycle_id: publishedCycleId, details: null },
      { actor_id: hr.id, action: "shortlist.export", subject_id: null, cycle_id: publishedCycleId, details: { filters: {}, rows: view.shortlist.length } },
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
    const view = await callerFor(hr).finder.view({});
    const { csv, filename } = await callerFor(hr).finder.exportShortlist({ cycleId: publishedCycleId });
    expect(filename).toMatch(/^quiet-influencers-spring-2026-review\.csv$/);
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toMatch(/^Rank,Name,Title,Department,Level,Location,/);
    expect(lines).toHaveLength(view.shortlist.length + 1);
    view.shortlist.forEach((id, index) => {
      const person = view.people.find((p) => p.id === id)!;
      expect(lines[index + 1]!.startsWith(`${index + 1},${person.name},`)).toBe(true);
      expect(lines[index + 1]).toContain(`,${Math.round(person.competence * 100) / 100},`);
    });
    // Nothing that speaks of raters, and nobody but the shortlisted by name.
    expect(csv).not.toMatch(/peer|rated by/i);
    const shortlisted = new Set(view.shortlist.map((id) => view.people.find((p) => p.id === id)!.name));
    for (const person of view.people.filter((p) => !view.shortlist.includes(p.id) && !shortlisted.has(p.name))) {
      expect(csv).not.toContain(person.name);
    }
  });

  it("has no evidence for someone outside the cycle", async () => {
    // Someone who joined after the cycle was published.
    const [outsider] = await queryRows<{ id: string }>(
      database.db,
      sql`insert into people (email, name) values ('finder-newcomer@example.com', 'Finder Newcomer') returning id`,
    );
    const error = await callerFor(hr).finder.evidence({ cycleId: publishedCycleId, subjectId: outsider!.id }).catch((e: unknown) => e);
    expect((error as TRPCError).code).toBe("NOT_FOUND");
    // And an id that is nobody at all.
    const nobody = await callerFor(hr)
      .finder.evidence({ cycleId: publishedCycleId, subjectId: "00000000-0000-4000-8000-000000000000" })
      .catch((e: unknown) => e);
    expect((nobody as TRPCError).code).toBe("NOT_FOUND");
  });
});
