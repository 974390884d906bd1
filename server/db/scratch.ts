import "server-only";
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { openPglite, openPostgres, type DatabaseHandle } from "./engines";

export interface ScratchDatabase extends DatabaseHandle {
  /** Closes it and throws its data away. */
  destroy(): Promise<void>;
}

/**
 * A fresh, migrated database that lives only as long as one test file or one
 * evaluation: in-memory PGlite, or with `serverUrl` a new database on that
 * PostgreSQL server (named `<prefix>_<random>`), dropped afterwards; the
 * URL's own database is left alone.
 */
export async function openScratchDatabase(serverUrl?: string, prefix = "uc_scratch"): Promise<ScratchDatabase> {
  if (!serverUrl) {
    const handle = await openPglite();
    await handle.migrate();
    return { ...handle, destroy: handle.close };
  }
  const server = await openPostgres(serverUrl, { max: 1 });
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  await server.db.execute(sql`create database ${sql.identifier(name)}`);
  const drop = async () => {
    await server.db.execute(sql`drop database if exists ${sql.identifier(name)} with (force)`);
    await server.close();
  };
  try {
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const handle = await openPostgres(url.toString(), { max: 4 });
    try {
      await handle.migrate();
    } catch (error) {
      await handle.close();
      throw error;
    }
    return {
      ...handle,
      destroy: async () => {
        await handle.close();
        await drop();
      },
    };
  } catch (error) {
    await drop();
    throw error;
  }
}
