import "server-only";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Db } from "../engines";

/** Inserts rows in batches small enough for one statement's parameter limit. */
export async function insertInBatches<T extends PgTable>(
  db: Db,
  table: T,
  rows: T["$inferInsert"][],
  options: { batchSize?: number; onBatch?: (inserted: number) => void } = {},
): Promise<void> {
  const batchSize = options.batchSize ?? 2000;
  for (let start = 0; start < rows.length; start += batchSize) {
    await db.insert(table).values(rows.slice(start, start + batchSize));
    options.onBatch?.(Math.min(start + batchSize, rows.length));
  }
}
