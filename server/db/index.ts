/**
 * The app's database: one handle per process, kept on globalThis so that
 * Next.js module reloading and separate bundles never open a second PGlite on
 * the same folder.
 */
import "server-only";
import { readConfig } from "../config";
import { type DatabaseHandle, type Db, openDatabase } from "./engines";

export type { Db } from "./engines";

const holder = globalThis as typeof globalThis & { __undercurrentDb?: Promise<DatabaseHandle> };

export async function getDb(): Promise<Db> {
  holder.__undercurrentDb ??= openDatabase(readConfig()).catch((error: unknown) => {
    holder.__undercurrentDb = undefined; // let the next request try again
    throw error;
  });
  return (await holder.__undercurrentDb).db;
}
