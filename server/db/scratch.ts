import "server-only";
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { openPglite, openPostgres, type DatabaseHandle } from "./engines";

export interface ScratchDatabase extends DatabaseHandle {
  /** Closes it and throws its data away. */
  destroy(): Promise<void>;
}

/**
 * A migrated database to copy scratch databases from, made once for a test
 * run: a PGlite dump in a file (loading one takes about a second, creating a
 * database three), or a database on the server that `create database …
 * template` copies without running the migrations again. Plain data, so that
 * a test runner can hand it to its workers.
 */
export type ScratchTemplate = { engine: "pglite"; dumpFile: string } | { engine: "postgres"; database: string };

/**
 * A fresh, migrated database that lives only as long as one test file or one
 * evaluation: in-memory PGlite, or with `serverUrl` a new database on that
 * PostgreSQL server (named `<prefix>_<random>`), dropped afterwards; the
 * URL's own database is left alone. With a `template` (made by
 * createScratchTemplate for the same engine and server) it starts as a copy of it.
 */
export async function openScratchDatabase(
  serverUrl?: string,
  prefix = "uc_scratch",
  template?: ScratchTemplate,
): Promise<ScratchDatabase> {
  if (!serverUrl) {
    if (template?.engine === "postgres") throw new Error("a PostgreSQL template cannot start an embedded database");
    const loadDataDir = template ? new Blob([await fs.readFile(template.dumpFile)]) : undefined;
    const handle = await openPglite(undefined, { loadDataDir });
    if (!template) await handle.migrate();
    return { ...handle, destroy: handle.close };
  }
  if (template?.engine === "pglite") throw new Error("an embedded template cannot start a PostgreSQL database");
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  const server = await openPostgres(serverUrl, { max: 1 });
  const drop = async () => {
    await server.db.execute(sql`drop database if exists ${sql.identifier(name)} with (force)`);
    await server.close();
  };
  try {
    await createDatabase(server, name, template?.database);
    const handle = await openPostgres(databaseUrl(serverUrl, name), { max: 4 });
    try {
      if (!template) await handle.migrate();
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

/** A migrated template for `openScratchDatabase` on this engine, and how to remove it. */
export async function createScratchTemplate(
  serverUrl?: string,
  prefix = "uc_template",
): Promise<{ template: ScratchTemplate; remove(): Promise<void> }> {
  if (!serverUrl) {
    const handle = await openPglite();
    try {
      await handle.migrate();
      const dump = await handle.dump();
      const dumpFile = path.join(await fs.mkdtemp(path.join(os.tmpdir(), `${prefix}-`)), "pglite.tar");
      await fs.writeFile(dumpFile, Buffer.from(await dump.arrayBuffer()));
      return {
        template: { engine: "pglite", dumpFile },
        remove: () => fs.rm(path.dirname(dumpFile), { recursive: true, force: true }),
      };
    } finally {
      await handle.close();
    }
  }
  const database = `${prefix}_${randomBytes(6).toString("hex")}`;
  const server = await openPostgres(serverUrl, { max: 1 });
  const remove = async () => {
    await server.db.execute(sql`drop database if exists ${sql.identifier(database)} with (force)`);
    await server.close();
  };
  try {
    await server.db.execute(sql`create database ${sql.identifier(database)}`);
    const handle = await openPostgres(databaseUrl(serverUrl, database), { max: 1 });
    try {
      await handle.migrate();
    } finally {
      await handle.close(); // a template is copied only while nobody is connected to it
    }
    return { template: { engine: "postgres", database }, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}

function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * PostgreSQL refuses to copy a template while another session is connected to
 * it, which a copy running beside this one briefly is (SQLSTATE 55006): wait
 * and try again.
 */
async function createDatabase(server: DatabaseHandle, name: string, template?: string) {
  if (!template) return server.db.execute(sql`create database ${sql.identifier(name)}`);
  for (let attempt = 1; ; attempt++) {
    try {
      return await server.db.execute(sql`create database ${sql.identifier(name)} template ${sql.identifier(template)}`);
    } catch (error) {
      const code =
        (error as { code?: string; cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code;
      if (code !== "55006" || attempt >= 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}
