/**
 * A fresh, migrated database for one test file: in-memory PGlite by default;
 * with DATABASE_URL set, a new database on that PostgreSQL server, dropped
 * afterwards. Each file builds its own data, so files can run in parallel.
 * Each starts as a copy of the migrated template the run made once
 * (test/database-template.ts), rather than running the migrations again.
 */
import { inject } from "vitest";
import { openScratchDatabase, type ScratchDatabase } from "@/server/db/scratch";

export type TestDatabase = ScratchDatabase;

export function createTestDatabase(): Promise<TestDatabase> {
  return openScratchDatabase(process.env.DATABASE_URL || undefined, "uc_test", inject("migratedTemplate"));
}
