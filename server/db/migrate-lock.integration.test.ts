/**
 * Several app servers starting together on one empty PostgreSQL database:
 * each applies the migrations, one at a time, and every migration runs once.
 * (PGlite is one process per folder, so the race exists on a server only.)
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openPostgres } from "./engines";
import { queryRows } from "./rows";

const serverUrl = process.env.DATABASE_URL || undefined;
const journal = JSON.parse(fs.readFileSync(path.join(process.cwd(), "drizzle", "meta", "_journal.json"), "utf8")) as {
  entries: unknown[];
};

describe.skipIf(!serverUrl)("migrations on a PostgreSQL server", () => {
  it("run once when three servers start together on an empty database", { timeout: 120_000 }, async () => {
    const server = await openPostgres(serverUrl!, { max: 1 });
    const name = `uc_migrate_race_${randomBytes(6).toString("hex")}`;
    await server.db.execute(sql`create database ${sql.identifier(name)}`);
    const url = new URL(serverUrl!);
    url.pathname = `/${name}`;
    const handles = await Promise.all([1, 2, 3].map(() => openPostgres(url.toString(), { max: 2 })));
    try {
      await Promise.all(handles.map((h) => h.migrate()));
      const [row] = await queryRows<{ n: number }>(
        handles[0]!.db,
        sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
      );
      expect(Number(row!.n)).toBe(journal.entries.length);
    } finally {
      await Promise.all(handles.map((h) => h.close()));
      await server.db.execute(sql`drop database if exists ${sql.identifier(name)} with (force)`);
      await server.close();
    }
  });
});
