/**
 * The databases the hardening run works on, and what it reads from them:
 * a throw-away database on the PostgreSQL server or a throw-away PGlite
 * folder, seeded with the demo organisation; the counts the invariants are
 * decided from, and the storage of responses; and the local PostgreSQL
 * server's stop and start.
 */
import { execFile, execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { sql } from "drizzle-orm";
import { openPglite, openPostgres, type DatabaseHandle, type Db } from "../../server/db/engines";
import { queryRows } from "../../server/db/rows";
import { seedDemoOrganisation } from "../../server/db/seed/demo";
import type { Engine } from "./app-server";
import type { CycleCounts, SentAssignments, StorageSnapshot } from "./invariants";

const execFileAsync = promisify(execFile);

/** Where the local server lives; the PostgreSQL restart only ever touches this one. */
export const LOCAL_POSTGRES = "postgres://postgres@127.0.0.1:5432/test";

export interface ThrowAwayDatabase {
  engine: Engine;
  /** Opens it from this process (for PGlite, only while the app is stopped). */
  open(): Promise<DatabaseHandle>;
  /** Drops the database or deletes the folder. */
  destroy(): Promise<void>;
}

let databasesMade = 0;

/**
 * A new database `undercurrent_hardening_<time>_<n>` on the server `serverUrl`
 * points at: empty, or a copy of the database `template` (which nobody may be
 * connected to meanwhile).
 */
export async function createPostgresDatabase(serverUrl: string, template?: string): Promise<ThrowAwayDatabase> {
  const name = `undercurrent_hardening_${Date.now()}_${databasesMade++}`;
  const admin = await openPostgres(serverUrl, { max: 1 });
  try {
    const copyOf = template ? sql` template ${sql.identifier(template)}` : sql``;
    await admin.db.execute(sql`create database ${sql.identifier(name)}${copyOf}`);
  } finally {
    await admin.close();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    engine: { kind: "postgres", url: url.toString() },
    open: () => openPostgres(url.toString(), { max: 2 }),
    async destroy() {
      const again = await openPostgres(serverUrl, { max: 1 });
      try {
        await again.db.execute(sql`drop database if exists ${sql.identifier(name)} with (force)`);
      } finally {
        await again.close();
      }
    },
  };
}

/** A new PGlite folder under the system's temporary directory: empty, or a copy of the closed folder `template`. */
export function createPgliteFolder(template?: string): ThrowAwayDatabase {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "undercurrent-hardening-"));
  const dataDir = path.join(parent, "pglite");
  if (template) fs.cpSync(template, dataDir, { recursive: true });
  return {
    engine: { kind: "pglite", dataDir },
    open: () => openPglite(dataDir),
    async destroy() {
      fs.rmSync(parent, { recursive: true, force: true });
    },
  };
}

/** Migrates and seeds the demo organisation (without the year-old cycle: not needed here). */
export async function seedForLoad(handle: DatabaseHandle, people: number): Promise<void> {
  await handle.migrate();
  await seedDemoOrganisation(handle.db, { people, seed: 2026, withNominatingCycle: true });
}

export async function collectingCycleId(db: Db): Promise<string> {
  const [row] = await queryRows<{ id: string }>(
    db,
    sql`select id from cycles where status = 'collecting' order by opens_on desc limit 1`,
  );
  if (!row) throw new Error("the demo organisation has no cycle collecting answers");
  return row.id;
}

/** People with requests still open in the cycle, those with the most first. */
export async function peopleWithOpenRequests(
  db: Db,
  cycleId: string,
): Promise<{ ids: string[]; openRequests: number }> {
  const rows = await queryRows<{ rater_id: string; open: number }>(
    db,
    sql`select rater_id, count(*)::int as open from assignments
        where cycle_id = ${cycleId} and status in ('pending', 'in_progress')
        group by rater_id order by open desc, rater_id`,
  );
  return { ids: rows.map((r) => r.rater_id), openRequests: rows.reduce((sum, r) => sum + Number(r.open), 0) };
}

export async function cycleCounts(db: Db, cycleId: string): Promise<CycleCounts> {
  const [row] = await queryRows<{ submitted: number; responses: number; mismatched: number }>(
    db,
    sql`with s as (select subject_id, relationship, count(*) as n from assignments
                   where cycle_id = ${cycleId} and status = 'submitted' group by 1, 2),
             r as (select subject_id, relationship, count(*) as n from responses
                   where cycle_id = ${cycleId} group by 1, 2)
        select (select coalesce(sum(n), 0)::int from s) as submitted,
               (select coalesce(sum(n), 0)::int from r) as responses,
               (select count(*)::int from s full join r using (subject_id, relationship)
                 where coalesce(s.n, 0) <> coalesce(r.n, 0)) as mismatched`,
  );
  return {
    submitted: Number(row!.submitted),
    responses: Number(row!.responses),
    mismatchedGroups: Number(row!.mismatched),
  };
}

/** What became of the assignments the raters sent (ids passed as one JSON parameter). */
export async function sentAssignments(
  db: Db,
  acknowledgedIds: readonly string[],
  attemptedIds: readonly string[],
): Promise<SentAssignments> {
  const [row] = await queryRows<{ ack_missing: number; sent_submitted: number }>(
    db,
    sql`select
          (select count(*)::int from jsonb_array_elements_text(${JSON.stringify(acknowledgedIds)}::jsonb) as ack(id)
             left join assignments a on a.id = ack.id::uuid
            where a.status is distinct from 'submitted') as ack_missing,
          (select count(*)::int from assignments
            where status = 'submitted'
              and id in (select id::uuid from jsonb_array_elements_text(${JSON.stringify(attemptedIds)}::jsonb) as sent(id))) as sent_submitted`,
  );
  return { acknowledgedNotSubmitted: Number(row!.ack_missing), sentAndSubmitted: Number(row!.sent_submitted) };
}

/** True when a PostgreSQL server answers at `url` within a few seconds. */
export async function postgresAnswers(url: string): Promise<boolean> {
  try {
    const handle = await openPostgres(url, { max: 1 });
    await handle.close();
    return true;
  } catch {
    return false;
  }
}

/** The server on 127.0.0.1:5432, the only one the PostgreSQL restart may stop. */
export function isLocalPostgres(url: string): boolean {
  const parsed = new URL(url);
  return ["127.0.0.1", "localhost"].includes(parsed.hostname) && (parsed.port || "5432") === "5432";
}

/**
 * Stops (fast mode: clients disconnected, a clean shutdown) or starts the
 * local cluster with Debian's pg_ctlcluster. Asynchronous: the raters in this
 * same process keep working meanwhile.
 */
export async function localPostgres(action: "stop" | "start"): Promise<void> {
  const version = fs.readdirSync("/etc/postgresql").sort().at(-1);
  if (!version) throw new Error("no PostgreSQL cluster under /etc/postgresql");
  const mode = action === "stop" ? ["--mode", "fast"] : [];
  if (action === "stop") {
    startAgainOnExit(version);
    stoppedByUs = true;
  }
  await execFileAsync("pg_ctlcluster", ["--skip-systemctl-redirect", ...mode, version, "main", action], {
    timeout: 60_000,
  });
  if (action === "start") stoppedByUs = false;
}

let stoppedByUs = false;
let exitHooked = false;
/** Ctrl-C or a crash while the server is stopped must not leave it stopped. */
function startAgainOnExit(version: string) {
  if (exitHooked) return;
  exitHooked = true;
  process.on("exit", () => {
    if (!stoppedByUs) return;
    try {
      execFileSync("pg_ctlcluster", ["--skip-systemctl-redirect", version, "main", "start"], {
        stdio: "ignore",
        timeout: 60_000,
      });
    } catch {
      console.error(
        `PostgreSQL ${version}/main may still be stopped: pg_ctlcluster --skip-systemctl-redirect ${version} main start`,
      );
    }
  });
}

/** Whether this machine can stop and start the local cluster (Debian's tools, one cluster). */
export function localPostgresIsControllable(): boolean {
  return (
    fs.existsSync("/usr/bin/pg_ctlcluster") &&
    fs.existsSync("/etc/postgresql") &&
    fs.readdirSync("/etc/postgresql").length > 0
  );
}

/** The storage of a cycle's responses: physical order, shared transaction ids, time columns. */
export async function storageSnapshot(db: Db, cycleId: string): Promise<StorageSnapshot> {
  const order = await queryRows<{ k: string }>(
    db,
    sql`select subject_id::text || ':' || relationship::text as k from responses where cycle_id = ${cycleId} order by ctid`,
  );
  const [shared] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from responses r
        where r.cycle_id = ${cycleId} and r.xmin::text in (select a.xmin::text from assignments a)`,
  );
  const timeColumns = await queryRows<{ c: string }>(
    db,
    sql`select table_name || '.' || column_name as c from information_schema.columns
        where table_schema = current_schema() and table_name in ('responses', 'response_ratings', 'response_comments')
          and (data_type like 'timestamp%' or data_type like 'time%' or data_type in ('date', 'interval'))
        order by 1`,
  );
  return {
    diskOrder: order.map((r) => r.k),
    sharingATransaction: Number(shared!.n),
    timeColumns: timeColumns.map((r) => r.c),
  };
}
