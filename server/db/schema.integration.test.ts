import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { expectDatabaseRefusal } from "@/test/expect-database-error";
import { queryRows } from "./rows";
import { cycles, competencyModels, people } from "./schema";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.destroy();
});

describe("migrations", () => {
  it("create every table of the data model", async () => {
    const rows = await queryRows<{ table_name: string }>(
      database.db,
      sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`,
    );
    expect(rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining([
        "people",
        "competency_models",
        "competencies",
        "statements",
        "questions",
        "cycles",
        "nominations",
        "assignments",
        "responses",
        "response_ratings",
        "response_comments",
        "published_scores",
        "published_comments",
        "audit_log",
        "auth_accounts",
        "auth_sessions",
        "auth_verification_tokens",
      ]),
    );
  });

  it("run again without changing anything", async () => {
    const applied = () =>
      queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`).then(
        (r) => Number(r[0]!.n),
      );
    const journal = JSON.parse(readFileSync("drizzle/meta/_journal.json", "utf8")) as { entries: unknown[] };
    expect(await applied()).toBe(journal.entries.length);
    await database.migrate();
    expect(await applied()).toBe(journal.entries.length);
  });
});

describe("the response tables cannot reference a rater", () => {
  const responseTables = ["responses", "response_ratings", "response_comments"];

  it("have only columns that describe the answer, never the person or the moment", async () => {
    const rows = await queryRows<{
      table_name: string;
      column_name: string;
      data_type: string;
      column_default: string | null;
    }>(
      database.db,
      sql`select table_name, column_name, data_type, column_default from information_schema.columns
          where table_schema = 'public' and table_name in ('responses', 'response_ratings', 'response_comments')
          order by table_name, ordinal_position`,
    );
    const columns = rows.map((r) => `${r.table_name}.${r.column_name}`);
    expect(columns).toEqual([
      "response_comments.id",
      "response_comments.response_id",
      "response_comments.question_id",
      "response_comments.body",
      "response_ratings.response_id",
      "response_ratings.statement_id",
      "response_ratings.value",
      "responses.id",
      "responses.cycle_id",
      "responses.subject_id",
      "responses.relationship",
    ]);
    for (const column of rows) {
      expect(column.data_type, `${column.table_name}.${column.column_name}`).not.toMatch(/timestamp|time|date|serial/);
      // The only defaults are random ids: no sequences, no clock.
      if (column.column_default !== null) expect(column.column_default).toBe("gen_random_uuid()");
    }
  });

  it("have no foreign key to people other than the subject, and none to assignments", async () => {
    const rows = await queryRows<{ table_name: string; column_name: string; foreign_table: string }>(
      database.db,
      sql`select tc.table_name, kcu.column_name, ccu.table_name as foreign_table
          from information_schema.table_constraints tc
          join information_schema.key_column_usage kcu on kcu.constraint_name = tc.constraint_name
          join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name
          where tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = 'public'`,
    );
    const fromResponses = rows.filter((r) => responseTables.includes(r.table_name));
    expect(
      fromResponses.filter((r) => r.foreign_table === "people").map((r) => `${r.table_name}.${r.column_name}`),
    ).toEqual(["responses.subject_id"]);
    expect(fromResponses.some((r) => r.foreign_table === "assignments")).toBe(false);
    // Nor does anything point at a response from the rater's side.
    const intoResponses = rows.filter((r) => r.foreign_table === "responses");
    expect(intoResponses.every((r) => responseTables.includes(r.table_name))).toBe(true);
  });
});

describe("constraints in the database", () => {
  it("reject a duplicate or non-lowercase email", async () => {
    await database.db.insert(people).values({ email: "ada@example.com", name: "Ada" });
    await expectDatabaseRefusal(
      database.db.insert(people).values({ email: "ada@example.com", name: "Ada Two" }),
      /people_email_unique/,
    );
    await expectDatabaseRefusal(
      database.db.insert(people).values({ email: "Bob@Example.com", name: "Bob" }),
      /people_email_lowercase/,
    );
  });

  it("reject a manager cycle with a clear message", async () => {
    const [a] = await database.db.insert(people).values({ email: "a@example.com", name: "A" }).returning();
    const [b] = await database.db
      .insert(people)
      .values({ email: "b@example.com", name: "B", managerId: a!.id })
      .returning();
    const [c] = await database.db
      .insert(people)
      .values({ email: "c@example.com", name: "C", managerId: b!.id })
      .returning();
    await expectDatabaseRefusal(
      database.db
        .update(people)
        .set({ managerId: c!.id })
        .where(sql`${people.id} = ${a!.id}`),
      /manager cycle: a@example.com would end up reporting to themselves/,
    );
    await expectDatabaseRefusal(
      database.db
        .update(people)
        .set({ managerId: a!.id })
        .where(sql`${people.id} = ${a!.id}`),
      /people_not_own_manager/,
    );
  });

  it("reject k below 3 and a change of k after draft", async () => {
    const [model] = await database.db.insert(competencyModels).values({ name: "m" }).returning();
    const base = { name: "c", modelId: model!.id, opensOn: "2026-01-01", closesOn: "2026-02-01" };
    await expectDatabaseRefusal(
      database.db.insert(cycles).values({ ...base, minGroupSize: 2 }),
      /cycles_min_group_size/,
    );
    const [cycle] = await database.db
      .insert(cycles)
      .values({ ...base, minGroupSize: 4 })
      .returning();
    await database.db
      .update(cycles)
      .set({ minGroupSize: 5 })
      .where(sql`${cycles.id} = ${cycle!.id}`);
    await database.db
      .update(cycles)
      .set({ status: "collecting" })
      .where(sql`${cycles.id} = ${cycle!.id}`);
    await expectDatabaseRefusal(
      database.db
        .update(cycles)
        .set({ minGroupSize: 3 })
        .where(sql`${cycles.id} = ${cycle!.id}`),
      /cannot change after it has left draft/,
    );
  });
});
