import "server-only";
import { getTableColumns, getTableName, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Db } from "../engines";

/**
 * Inserts many rows quickly: each batch travels as one JSON parameter and
 * `json_populate_recordset` turns it into rows inside the database. Building
 * a statement with a placeholder per value is several times slower for the
 * hundreds of thousands of ratings a large simulated organisation has.
 * Columns that no row names keep their database defaults; a column that
 * some rows name is NULL in the rows that leave it out.
 */
export async function insertInBatches<T extends PgTable>(
  db: Db,
  table: T,
  rows: T["$inferInsert"][],
  options: { batchSize?: number; onBatch?: (inserted: number) => void } = {},
): Promise<void> {
  if (rows.length === 0) return;
  const batchSize = options.batchSize ?? 10_000;
  const columns = getTableColumns(table) as Record<string, { name: string }>;
  const keys = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const names = keys.map((key) => {
    const column = columns[key];
    if (!column) throw new Error(`${getTableName(table)} has no column ${key}`);
    return column.name;
  });
  const columnList = sql.join(
    names.map((name) => sql.identifier(name)),
    sql`, `,
  );
  const tableName = sql.identifier(getTableName(table));
  for (let start = 0; start < rows.length; start += batchSize) {
    const batch = rows.slice(start, start + batchSize).map((row) => {
      const record: Record<string, unknown> = {};
      keys.forEach((key, i) => (record[names[i]!] = (row as Record<string, unknown>)[key] ?? null));
      return record;
    });
    await db.execute(
      sql`insert into ${tableName} (${columnList})
          select ${columnList} from json_populate_recordset(null::${tableName}, ${JSON.stringify(batch)}::json)`,
    );
    options.onBatch?.(Math.min(start + batchSize, rows.length));
  }
}
