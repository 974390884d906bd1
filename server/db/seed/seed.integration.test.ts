/**
 * The demo organisation: deterministic, shaped like a real company, and
 * written the way the product writes real answers (unlinkable responses that
 * still add up to the submitted requests).
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { countPeople, prepareDatabase } from "../prepare";
import { queryRows } from "../rows";
import { seedDemoOrganisation } from "./demo";

const TODAY = new Date("2026-11-28T12:00:00Z");

type Db = TestDatabase["db"];

/** People as the seed describes them, by email (ids are random per database). */
function peopleByEmail(db: Db) {
  return queryRows<{
    email: string;
    name: string;
    title: string;
    department: string;
    level: number;
    manager_email: string | null;
  }>(
    db,
    sql`select p.email, p.name, p.title, p.department, p.level, m.email as manager_email
        from people p left join people m on m.id = p.manager_id
        order by p.email`,
  );
}

/** Every request by who, whom, as what and in which state, by email and cycle name. */
function assignmentsByEmail(db: Db) {
  return queryRows<{
    cycle: string;
    subject: string;
    rater: string;
    relationship: string;
    status: string;
    has_draft: boolean;
  }>(
    db,
    sql`select c.name as cycle, s.email as subject, r.email as rater, a.relationship::text as relationship,
               a.status::text as status, (a.draft is not null) as has_draft
        from assignments a join cycles c on c.id = a.cycle_id
        join people s on s.id = a.subject_id join people r on r.id = a.rater_id
        order by 1, 2, 3`,
  );
}

/** The answers, aggregated so that the random response ids drop out. */
function answersBySubject(db: Db) {
  return queryRows<{
    cycle: string;
    subject: string;
    relationship: string;
    responses: number;
    ratings: number;
    observed: number;
    value_sum: number;
    comments: number;
  }>(
    db,
    sql`select c.name as cycle, s.email as subject, r.relationship::text as relationship,
               count(distinct r.id)::int as responses,
               count(rr.response_id)::int as ratings,
               count(rr.value)::int as observed,
               coalesce(sum(rr.value), 0)::int as value_sum,
               (select count(*)::int from response_comments rc join responses r2 on r2.id = rc.response_id
                 where r2.cycle_id = r.cycle_id and r2.subject_id = r.subject_id and r2.relationship = r.relationship) as comments
        from responses r join cycles c on c.id = r.cycle_id join people s on s.id = r.subject_id
        left join response_ratings rr on rr.response_id = r.id
        group by c.name, s.email, r.cycle_id, r.subject_id, r.relationship
        order by 1, 2, 3`,
  );
}

async function tableCounts(db: Db) {
  const [row] = await queryRows<Record<string, number>>(
    db,
    sql`select (select count(*)::int from people) as people,
               (select count(*)::int from cycles) as cycles,
               (select count(*)::int from assignments) as assignments,
               (select count(*)::int from responses) as responses,
               (select count(*)::int from response_ratings) as ratings,
               (select count(*)::int from response_comments) as comments`,
  );
  return row!;
}

/** Empties every table (the migrations stay): as good as a new database, and far
 *  quicker than creating one on PGlite. Table names come from the catalogue, not input. */
async function emptyAllTables(db: Db): Promise<void> {
  const tables = await queryRows<{ name: string }>(
    db,
    sql`select quote_ident(table_name) as name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE'`,
  );
  await db.execute(sql.raw(`truncate table ${tables.map((t) => t.name).join(", ")} cascade`));
  expect((await tableCounts(db)).people).toBe(0);
}

// Two databases serve the whole file (each describe empties what it uses).
let one: TestDatabase;
let two: TestDatabase;
beforeAll(async () => {
  one = await createTestDatabase();
  two = await createTestDatabase();
});
afterAll(async () => {
  await one?.destroy();
  await two?.destroy();
});

describe("the same seed gives the same organisation; another seed, another", () => {
  let first: Db;
  let second: Db;

  beforeAll(async () => {
    [first, second] = [one.db, two.db];
    await emptyAllTables(first);
    await emptyAllTables(second);
    await seedDemoOrganisation(first, { people: 60, seed: 11, today: TODAY });
    await seedDemoOrganisation(second, { people: 60, seed: 11, today: TODAY });
  });

  it("writes the same people, titles and reporting lines", async () => {
    const a = await peopleByEmail(first);
    const b = await peopleByEmail(second);
    expect(a).toHaveLength(60);
    expect(a.filter((p) => p.manager_email === null)).toHaveLength(1);
    expect(b).toEqual(a);
  });

  it("writes the same requests in the same states, and the same answers", async () => {
    expect(await tableCounts(second)).toEqual(await tableCounts(first));
    const assignments = await assignmentsByEmail(first);
    expect(assignments.length).toBeGreaterThan(60 * 2);
    expect(await assignmentsByEmail(second)).toEqual(assignments);
    const answers = await answersBySubject(first);
    expect(answers.length).toBeGreaterThan(0);
    expect(await answersBySubject(second)).toEqual(answers);
  });

  it("writes different people with a different seed", async () => {
    const a = await peopleByEmail(first);
    await emptyAllTables(second);
    await seedDemoOrganisation(second, { people: 60, seed: 12, today: TODAY });
    const c = await peopleByEmail(second);
    expect(c).toHaveLength(60);
    const namesA = new Set(a.map((p) => p.name));
    const shared = c.filter((p) => namesA.has(p.name)).length;
    // Drawn from over ten thousand name combinations: a few may recur, most must not.
    expect(shared).toBeLessThan(30);
  });
});

describe("the demo organisation of 150 people", () => {
  let db: Db;
  let seeded: Awaited<ReturnType<typeof seedDemoOrganisation>>;

  beforeAll(async () => {
    db = one.db;
    await emptyAllTables(db);
    seeded = await seedDemoOrganisation(db, { people: 150, seed: 2026, today: TODAY });
  });

  it("has one published cycle in the past and one collecting now, around `today`", async () => {
    const cycles = await queryRows<{
      id: string;
      name: string;
      status: string;
      opens_on: string;
      closes_on: string;
      closed: boolean;
    }>(
      db,
      sql`select id, name, status::text as status, opens_on::text as opens_on, closes_on::text as closes_on,
                 closed_at is not null as closed
          from cycles order by opens_on`,
    );
    expect(cycles.map((c) => [c.name, c.status, c.closed])).toEqual([
      ["Spring 2026 review", "published", true],
      ["Autumn 2026 review", "collecting", false],
    ]);
    expect(cycles.map((c) => c.id)).toEqual(seeded.cycles.map((c) => c.cycleId));
    const today = TODAY.toISOString().slice(0, 10);
    expect(cycles[0]!.closes_on < today).toBe(true);
    expect(cycles[1]!.opens_on <= today && today <= cycles[1]!.closes_on).toBe(true);
  });

  it("leaves requests open in the collecting cycle and none in the published one", async () => {
    const rows = await queryRows<{ status: string; cycle_status: string; n: number }>(
      db,
      sql`select a.status::text as status, c.status::text as cycle_status, count(*)::int as n
          from assignments a join cycles c on c.id = a.cycle_id group by 1, 2`,
    );
    const count = (cycleStatus: string, status: string) =>
      rows.find((r) => r.cycle_status === cycleStatus && r.status === status)?.n ?? 0;
    for (const status of ["pending", "in_progress", "submitted", "declined"]) {
      expect(count("collecting", status), `collecting/${status}`).toBeGreaterThan(0);
    }
    expect(count("published", "in_progress")).toBe(0);
    expect(count("published", "submitted")).toBeGreaterThan(count("published", "pending"));
  });

  it("has as many responses per subject and relationship as submitted requests, and no more", async () => {
    // Responses carry no link to their request; only the totals can be compared, and they must agree.
    const rows = await queryRows<{
      cycle_id: string;
      subject_id: string;
      relationship: string;
      submitted: number;
      responses: number;
    }>(
      db,
      sql`with submitted as (
            select cycle_id, subject_id, relationship, count(*)::int as n from assignments
            where status = 'submitted' group by 1, 2, 3
          ), written as (
            select cycle_id, subject_id, relationship, count(*)::int as n from responses group by 1, 2, 3
          )
          select coalesce(s.cycle_id, w.cycle_id) as cycle_id, coalesce(s.subject_id, w.subject_id) as subject_id,
                 coalesce(s.relationship, w.relationship)::text as relationship,
                 coalesce(s.n, 0) as submitted, coalesce(w.n, 0) as responses
          from submitted s full join written w
            on w.cycle_id = s.cycle_id and w.subject_id = s.subject_id and w.relationship = s.relationship`,
    );
    expect(rows.length).toBeGreaterThan(150);
    const mismatched = rows.filter((r) => r.submitted !== r.responses);
    expect(mismatched).toEqual([]);
    const total = rows.reduce((sum, r) => sum + r.responses, 0);
    expect(total).toBe(seeded.cycles.reduce((sum, c) => sum + c.responses, 0));
  });

  it("answers every statement of the model in every response (a null is 'not observed')", async () => {
    const [row] = await queryRows<{ statements: number; responses: number; fewest: number; most: number }>(
      db,
      sql`select (select count(*)::int from statements) as statements,
                 count(*)::int as responses, min(n)::int as fewest, max(n)::int as most
          from (select r.id, count(rr.response_id) as n from responses r
                left join response_ratings rr on rr.response_id = r.id group by r.id) per_response`,
    );
    expect(row!.responses).toBeGreaterThan(0);
    expect(row!.fewest).toBe(row!.statements);
    expect(row!.most).toBe(row!.statements);
  });

  it("keeps drafts only on requests in progress, and every request in progress has one", async () => {
    const rows = await queryRows<{ status: string; with_draft: number; without_draft: number }>(
      db,
      sql`select status::text as status,
                 count(*) filter (where draft is not null or draft_saved_at is not null)::int as with_draft,
                 count(*) filter (where draft is null and draft_saved_at is null)::int as without_draft
          from assignments group by 1`,
    );
    const byStatus = Object.fromEntries(rows.map((r) => [r.status, r]));
    expect(byStatus.in_progress!.with_draft).toBeGreaterThan(0);
    expect(byStatus.in_progress!.without_draft).toBe(0);
    for (const status of ["pending", "submitted", "declined"]) {
      expect(byStatus[status]?.with_draft ?? 0, `drafts on ${status} requests`).toBe(0);
    }
  });

  it("has an org chart with one head, 4 or more levels, `level` equal to depth, and 5–7 departments", async () => {
    const chart = await queryRows<{ id: string; level: number; depth: number }>(
      db,
      sql`with recursive chain(id, depth) as (
            select id, 1 from people where manager_id is null
            union all
            select p.id, chain.depth + 1 from people p join chain on p.manager_id = chain.id
          )
          select p.id, p.level, chain.depth from people p left join chain on chain.id = p.id`,
    );
    expect(chart).toHaveLength(150);
    // Everyone is reachable from the single head (no orphans, no loops).
    expect(chart.filter((p) => p.depth === null)).toEqual([]);
    expect(chart.filter((p) => p.depth === 1)).toHaveLength(1);
    expect(chart.filter((p) => p.level !== p.depth)).toEqual([]);
    const deepest = Math.max(...chart.map((p) => p.depth));
    expect(deepest).toBeGreaterThanOrEqual(4);
    expect(deepest).toBeLessThanOrEqual(6);

    const departments = await queryRows<{ department: string; n: number }>(
      db,
      sql`select department, count(*)::int as n from people group by 1 order by 1`,
    );
    expect(departments.length).toBeGreaterThanOrEqual(5);
    expect(departments.length).toBeLessThanOrEqual(7);
    expect(departments.map((d) => d.department)).toContain("People");
    // HR runs the cycles: the People department is flagged HR, and someone is an administrator.
    const [flags] = await queryRows<{ hr_outside_people: number; hr: number; admins: number }>(
      db,
      sql`select count(*) filter (where is_hr and department <> 'People')::int as hr_outside_people,
                 count(*) filter (where is_hr)::int as hr, count(*) filter (where is_admin)::int as admins from people`,
    );
    expect(flags).toEqual({
      hr_outside_people: 0,
      hr: departments.find((d) => d.department === "People")!.n,
      admins: 1,
    });
  });
});

describe("prepareDatabase", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = two;
    await emptyAllTables(database.db);
  });

  it("does not seed when not asked", async () => {
    await expect(prepareDatabase(database, { seedDemoIfEmpty: false, people: 40 })).resolves.toEqual({
      seeded: false,
      people: 0,
      administrators: 0,
    });
    expect(await countPeople(database)).toBe(0);
  });

  it("seeds an empty database once, and a second run changes nothing", async () => {
    const options = { seedDemoIfEmpty: true, people: 40, seed: 5, today: TODAY };
    await expect(prepareDatabase(database, options)).resolves.toEqual({ seeded: true, people: 40, administrators: 1 });
    const before = await tableCounts(database.db);
    expect(before.people).toBe(40);
    expect(before.cycles).toBe(2);

    await expect(prepareDatabase(database, options)).resolves.toEqual({ seeded: false, people: 40, administrators: 1 });
    expect(await tableCounts(database.db)).toEqual(before);
  });
});
