import "server-only";
import type { SQL } from "drizzle-orm";
import type { Db } from "./engines";

/**
 * Runs raw SQL and returns its rows. postgres.js answers with an array and
 * PGlite with `{ rows }`; callers should not have to know which engine ran.
 */
export async function queryRows<Row extends Record<string, unknown>>(db: Db, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Row[];
}
