/**
 * PGlite has no lock between processes; the data-folder lock is what stops a
 * second process (a `db:*` script beside a running app) from silently losing
 * rows. These tests use real processes, because that is the case that matters.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { runScript, STACK_LINE } from "@/test/run-script";
import { type DatabaseHandle, openPglite } from "./engines";
import { acquireDataFolderLock, DataFolderInUseError, lockPathFor } from "./pglite-lock";
import { queryRows } from "./rows";

// One folder for the file: creating a PGlite data folder (initdb) takes seconds,
// opening an existing one far less.
let scratch: string;
let dataDir: string;
let open: DatabaseHandle | undefined;

// Each test starts real processes (tsx, then PGlite): seconds on an idle
// machine, a minute or more on a busy one. Nothing here measures time, so
// the limits are generous.
const PROCESSES = { timeout: 300_000 };

beforeAll(async () => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "uc-pglite-lock-"));
  dataDir = path.join(scratch, "pglite");
  // Create the folder (initdb) once, here, rather than inside the first test.
  await (await openPglite(dataDir)).close();
}, 300_000);

afterEach(async () => {
  await open?.close();
  open = undefined;
  expect(fs.existsSync(lockPathFor(dataDir)), "each test leaves the folder unlocked").toBe(false);
});

afterAll(() => {
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
});

function migrateInAnotherProcess() {
  // DATABASE_URL="" selects the embedded engine even when the suite runs against a server.
  return runScript("db.ts", ["migrate"], { PGLITE_DATA_DIR: dataDir, DATABASE_URL: "" });
}

/** The pid of a process that has exited and been reaped: certainly not running. */
async function deadPid(): Promise<number> {
  const child = spawn("true");
  const pid = child.pid!;
  await new Promise<void>((resolve) => child.on("close", () => resolve()));
  expect(() => process.kill(pid, 0)).toThrow();
  return pid;
}

describe("the PGlite data-folder lock", () => {
  it(
    "refuses a second process with one clear line, and lets it in once the first has closed (over a dead process's lock)",
    PROCESSES,
    async () => {
      open = await openPglite(dataDir);
      expect(fs.readFileSync(lockPathFor(dataDir), "utf8")).toBe(String(process.pid));

      const refused = await migrateInAnotherProcess();
      expect(refused.code, refused.stderr).toBe(1);
      const mentions = refused.stderr.split("\n").filter((line) => line.includes("in use by another process"));
      expect(mentions).toHaveLength(1);
      expect(refused.stderr.trim()).toBe(mentions[0]);
      expect(mentions[0]).toContain(`(pid ${process.pid})`);
      expect(refused.stderr).not.toMatch(STACK_LINE);
      expect(refused.stdout).not.toContain("Migrations applied");
      // The refused process left the lock, and the first process's folder, alone.
      expect(fs.readFileSync(lockPathFor(dataDir), "utf8")).toBe(String(process.pid));
      await expect(queryRows(open.db, sql`select 1 as one`)).resolves.toEqual([{ one: 1 }]);

      await open.close();
      open = undefined;
      expect(fs.existsSync(lockPathFor(dataDir))).toBe(false);

      // Let the command in over a lock left by a process that died, which must not hold it out either.
      const pid = await deadPid();
      fs.writeFileSync(lockPathFor(dataDir), String(pid));
      const allowed = await migrateInAnotherProcess();
      expect(allowed.code, allowed.stderr).toBe(0);
      expect(allowed.stdout).toContain("Migrations applied to the embedded database");
      // It released the lock when it finished, and its migrations are in the folder.
      expect(fs.existsSync(lockPathFor(dataDir))).toBe(false);
      open = await openPglite(dataDir);
      const tables = await queryRows<{ n: number }>(
        open.db,
        sql`select count(*)::int as n from information_schema.tables where table_schema = 'public' and table_name = 'people'`,
      );
      expect(tables[0]?.n).toBe(1);
    },
  );

  it("refuses a second opener in the same way when the holder is another live process", PROCESSES, async () => {
    // A live process that is not us: the lock must name it and refuse.
    const sleeper = spawn("sleep", ["30"]);
    try {
      fs.writeFileSync(lockPathFor(dataDir), String(sleeper.pid));
      expect(() => acquireDataFolderLock(dataDir)).toThrow(DataFolderInUseError);
      await expect(openPglite(dataDir)).rejects.toThrow(`in use by another process (pid ${sleeper.pid})`);
      expect(fs.readFileSync(lockPathFor(dataDir), "utf8")).toBe(String(sleeper.pid));
    } finally {
      sleeper.kill("SIGKILL");
      fs.rmSync(lockPathFor(dataDir), { force: true });
    }
  });

  it("takes over a lock left by a process that has died", PROCESSES, async () => {
    const pid = await deadPid();
    fs.writeFileSync(lockPathFor(dataDir), String(pid));

    open = await openPglite(dataDir);
    expect(fs.readFileSync(lockPathFor(dataDir), "utf8")).toBe(String(process.pid));
    await open.close();
    open = undefined;
    expect(fs.existsSync(lockPathFor(dataDir))).toBe(false);
  });

  it("refuses a second open from the same process, and keeps the first one's lock", async () => {
    const release = acquireDataFolderLock(dataDir);
    try {
      expect(() => acquireDataFolderLock(dataDir)).toThrow(`in use by another process (pid ${process.pid})`);
      expect(fs.readFileSync(lockPathFor(dataDir), "utf8")).toBe(String(process.pid));
    } finally {
      release();
    }
    expect(fs.existsSync(lockPathFor(dataDir))).toBe(false);
    // Releasing removed its exit handler: opening again and again leaves no listeners behind.
    const listeners = process.listenerCount("exit");
    for (let i = 0; i < 3; i++) acquireDataFolderLock(dataDir)();
    expect(process.listenerCount("exit")).toBe(listeners);
  });

  it("treats an unreadable lock (no pid in it) as stale", async () => {
    fs.mkdirSync(path.dirname(lockPathFor(dataDir)), { recursive: true });
    fs.writeFileSync(lockPathFor(dataDir), "");
    const release = acquireDataFolderLock(dataDir);
    expect(fs.readFileSync(lockPathFor(dataDir), "utf8")).toBe(String(process.pid));
    release();
    expect(fs.existsSync(lockPathFor(dataDir))).toBe(false);
  });
});
