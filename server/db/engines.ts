/**
 * Opening the database: the embedded PGlite (a folder, or memory for tests) or
 * a PostgreSQL server through postgres.js. Both give the same drizzle `Db`,
 * so every query function runs unchanged on either engine.
 */
import "server-only";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { acquireDataFolderLock } from "./pglite-lock";
import * as schema from "./schema";

export type Schema = typeof schema;
/** The one database type query functions take; both engines satisfy it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface DatabaseHandle {
  db: Db;
  engine: "pglite" | "postgres";
  /** Applies the SQL migrations in drizzle/ that have not run yet. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

/** The embedded engine can also hand out a copy of itself (a tarball of its data folder). */
export interface PgliteHandle extends DatabaseHandle {
  engine: "pglite";
  dump(): Promise<Blob>;
}

const migrationsFolder = path.join(process.cwd(), "drizzle");

export class DatabaseUnreachableError extends Error {
  constructor(url: string, cause: unknown) {
    const where = safeLocation(url);
    const reason = (cause as { code?: string; message?: string })?.code ?? (cause as Error)?.message ?? String(cause);
    super(`DATABASE_URL: cannot reach the PostgreSQL server at ${where} (${reason})`);
    this.name = "DatabaseUnreachableError";
  }
}

function safeLocation(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return "the configured address";
  }
}

/**
 * `dataDir` undefined means in memory (tests). A folder is locked against a
 * second process. `loadDataDir` starts from a copy of another database
 * (PGlite's `dumpDataDir`) instead of an empty one: about a second, where
 * creating one costs three.
 */
export async function openPglite(dataDir?: string, options: { loadDataDir?: Blob } = {}): Promise<PgliteHandle> {
  const release = dataDir ? acquireDataFolderLock(dataDir) : () => {};
  try {
    const client = new PGlite({ dataDir, loadDataDir: options.loadDataDir });
    await client.waitReady;
    const db = drizzlePglite({ client, schema }) as unknown as Db;
    return {
      db,
      engine: "pglite",
      migrate: () => migratePglite(db as never, { migrationsFolder }),
      dump: () => client.dumpDataDir("none"),
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/**
 * drizzle's migrator takes no lock: two app servers (or a server and `npm run
 * setup`) starting together could both apply the same migration. A session
 * advisory lock on a connection of its own lets one at a time through; it is
 * released when that connection closes, also if this process dies.
 */
async function migrateOneAtATime(url: string, migrate: () => Promise<unknown>): Promise<void> {
  const lock = postgres(url, { max: 1, connect_timeout: 10, onnotice: () => {} });
  try {
    await lock`select pg_advisory_lock(hashtext('undercurrent: migrations'))`;
    await migrate();
  } finally {
    await lock.end({ timeout: 5 });
  }
}

export async function openPostgres(url: string, options: { max?: number } = {}): Promise<DatabaseHandle> {
  const client = postgres(url, {
    max: options.max ?? 10,
    connect_timeout: 10,
    onnotice: () => {},
    // The app's statements are short or run once (publish); PostgreSQL's JIT
    // compiled the larger ones for longer than they ran (140 ms of the finder's
    // 600 ms at 50,000 people; a second per publish step).
    connection: { jit: "off" },
  });
  try {
    await client`select 1`;
  } catch (error) {
    await client.end({ timeout: 1 }).catch(() => {});
    throw new DatabaseUnreachableError(url, error);
  }
  const db = drizzlePostgres({ client, schema }) as unknown as Db;
  return {
    db,
    engine: "postgres",
    migrate: () => migrateOneAtATime(url, () => migratePostgres(db as never, { migrationsFolder })),
    close: () => client.end({ timeout: 5 }),
  };
}

/** The engine the settings name: the server in DATABASE_URL, else the embedded folder. */
export function openDatabase(config: {
  databaseUrl: string | undefined;
  pgliteDataDir: string;
}): Promise<DatabaseHandle> {
  return config.databaseUrl ? openPostgres(config.databaseUrl) : openPglite(config.pgliteDataDir);
}
