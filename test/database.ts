/**
 * A fresh, migrated database for one test file: in-memory PGlite by default;
 * with DATABASE_URL set, a new database on that PostgreSQL server, dropped
 * afterwards. Each file builds its own data, so files can run in parallel.
 */
import { openScratchDatabase, type ScratchDatabase } from "@/server/db/scratch";

export type TestDatabase = ScratchDatabase;

export function createTestDatabase(): Promise<TestDatabase> {
  return openScratchDatabase(process.env.DATABASE_URL || undefined, "uc_test");
}
