/**
 * What a part of `npm run bench` is, and how its figures are printed. Each
 * part measures one thing (publishing, reading, submitting, pages, start)
 * and returns tables that put the app's figure beside a baseline measured in
 * the same run — the practical limit on this machine — so that a figure reads
 * against something, never against a number remembered from elsewhere.
 */

import { markdownTable } from "../scripts/hardening/figures";

export type BenchEngine = "pglite" | "postgres";

export interface BenchContext {
  /** Organisation sizes to measure at, smallest first (`--people 1000,10000`). */
  sizes: number[];
  /** Engines to measure on: PGlite always, PostgreSQL when DATABASE_URL is set. */
  engines: BenchEngine[];
  /** The PostgreSQL server to create throw-away databases on, when there is one. */
  postgresUrl: string | null;
  say(line: string): void;
}

export interface BenchTable {
  title: string;
  columns: string[];
  rows: string[][];
  /** Printed under the table: how it was measured, what a figure means. */
  notes?: string[];
}

export interface BenchPart {
  name: string;
  run(ctx: BenchContext): Promise<BenchTable[]>;
}

export const engineLabel = (engine: BenchEngine) => (engine === "postgres" ? "PostgreSQL" : "PGlite");

/** A table in Markdown, so that it reads in a terminal and pastes into bench/README.md as it is. */
export function formatTable(table: BenchTable): string {
  return [
    `### ${table.title}`,
    "",
    markdownTable(table.columns, table.rows),
    ...(table.notes?.length ? ["", ...table.notes.map((n) => `- ${n}`)] : []),
  ].join("\n");
}

export function ms(value: number): string {
  if (!Number.isFinite(value)) return "–";
  if (value >= 10_000) return `${(value / 1000).toFixed(1)} s`;
  if (value >= 1000) return `${(value / 1000).toFixed(2)} s`;
  return value >= 10 ? `${Math.round(value)} ms` : `${value.toFixed(1)} ms`;
}

export function ratio(value: number, baseline: number): string {
  return Number.isFinite(value) && Number.isFinite(baseline) && baseline > 0
    ? `${(value / baseline).toFixed(2)}×`
    : "–";
}

export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await work();
  return { ms: performance.now() - started, result };
}
