/**
 * npm run bench:import [-- --people N]
 *
 * Times the org-chart import on a simulated organisation of 10,000 people
 * (or N): preview and apply into an empty organisation, the same file again
 * (nothing to change), and a file that moves a tenth of the people. Runs on
 * in-memory PGlite and, when DATABASE_URL is set, on a throw-away database on
 * that PostgreSQL server. Beside it, a baseline: the same people written with
 * one INSERT … SELECT from a JSON parameter, which is the floor for any import.
 * Prints a table; it is a measurement, not a test.
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "../server/db/engines";
import { applyOrgImport, previewOrgImport } from "../server/db/queries/org-import";
import { queryRows } from "../server/db/rows";
import { people } from "../server/db/schema";
import { insertInBatches } from "../server/db/seed/batches";
import { toCsv } from "../server/domain/csv";
import { IMPORT_COLUMNS } from "../server/domain/org-import";
import { simulateOrganisation, type SimOrganisation } from "../server/simulator";
import { openScratchDatabase } from "../server/db/scratch";
import { timed } from "./part";

const BENCH_HR = { email: "bench.hr@bench.example", name: "Bench HR" };

function argument(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isInteger(value) || value < 10 || value > 20_000)
    throw new Error(`${name} takes a whole number from 10 to 20000`);
  return value;
}

function orgCsv(org: SimOrganisation, change: (index: number) => boolean = () => false): string {
  const rows = org.people.map((p) => {
    const moved = change(p.index);
    return [
      p.email,
      p.name,
      moved ? `${p.title} (acting)` : p.title,
      p.department,
      p.location,
      p.managerIndex === null ? "" : org.people[p.managerIndex]!.email,
      p.isHr ? "yes" : "no",
    ];
  });
  rows.push([BENCH_HR.email, BENCH_HR.name, "HR", "People", "", "", "yes"]);
  return toCsv(IMPORT_COLUMNS, rows);
}

type Timings = Record<string, number>;

async function benchEngine(serverUrl: string | undefined, org: SimOrganisation): Promise<Timings> {
  const timings: Timings = {};
  const first = orgCsv(org);
  const changed = orgCsv(org, (index) => index % 10 === 5);

  const baseline = await openScratchDatabase(serverUrl, "uc_bench");
  try {
    const ids = org.people.map(() => randomUUID());
    const byLevel = [...org.people].sort((a, b) => a.level - b.level || a.index - b.index);
    const rows = byLevel.map((p) => ({
      id: ids[p.index]!,
      email: p.email,
      name: p.name,
      title: p.title,
      department: p.department,
      location: p.location,
      level: p.level,
      managerId: p.managerIndex === null ? null : ids[p.managerIndex]!,
      isHr: p.isHr,
    }));
    timings["baseline: one INSERT … SELECT from JSON"] = (
      await timed(() => insertInBatches(baseline.db, people, rows, { batchSize: rows.length }))
    ).ms;
  } finally {
    await baseline.destroy();
  }

  const database = await openScratchDatabase(serverUrl, "uc_bench");
  try {
    const db: Db = database.db;
    const [hr] = await db
      .insert(people)
      .values({ ...BENCH_HR, isHr: true })
      .returning({ id: people.id });
    const run = async (label: string, csv: string) => {
      const preview = await timed(() =>
        previewOrgImport(db, { csv, deactivateMissing: true, importerEmail: BENCH_HR.email }),
      );
      if (preview.result.problems.length > 0) throw new Error(`${label}: ${preview.result.problems[0]!.message}`);
      const apply = await timed(() =>
        applyOrgImport(db, { actorId: hr!.id, csv, deactivateMissing: true, importerEmail: BENCH_HR.email }),
      );
      timings[`${label}: preview`] = preview.ms;
      timings[`${label}: apply`] = apply.ms;
      return apply.result;
    };
    const added = await run("new organisation", first);
    const again = await run("same file again", first);
    const moved = await run("a tenth changed", changed);
    const [active] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from people where active`);
    console.error(
      `${database.engine}: added ${added.added}, then ${again.changed} changed, then ${moved.changed} changed; ${active?.n} active`,
    );
  } finally {
    await database.destroy();
  }
  return timings;
}

async function main() {
  const size = argument("--people", 10_000);
  const org = simulateOrganisation({ people: size, seed: 2026 });
  const bytes = Buffer.byteLength(orgCsv(org));
  console.error(`${org.people.length.toLocaleString("en")} people, a ${(bytes / 1024 / 1024).toFixed(1)} MB file`);

  const engines: [string, string | undefined][] = [["PGlite (memory)", undefined]];
  if (process.env.DATABASE_URL) engines.push(["PostgreSQL", process.env.DATABASE_URL]);
  const results: Timings[] = [];
  for (const [name, url] of engines) {
    console.error(`${name}…`);
    results.push(await benchEngine(url, org));
  }

  const steps = Object.keys(results[0]!);
  const width = Math.max(...steps.map((s) => s.length));
  const head = ["step".padEnd(width), ...engines.map(([name]) => name.padStart(16))].join("  ");
  console.log(head);
  console.log("-".repeat(head.length));
  for (const step of steps) {
    console.log(
      [step.padEnd(width), ...results.map((r) => `${((r[step] ?? NaN) / 1000).toFixed(2)} s`.padStart(16))].join("  "),
    );
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
