/**
 * The arithmetic of the hardening run, as plain functions: latency
 * percentiles, tallies and the summary table. Tested in figures.test.ts.
 * How long a rater waits before trying again is the form's own schedule
 * (components/form/submit-retry.ts).
 */

/** Nearest-rank percentile of values sorted ascending; NaN for none. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function summariseLatencies(ms: readonly number[]): LatencySummary {
  const sorted = [...ms].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
  };
}

/** Adds one occurrence of `key` to a tally. */
export function tally(counts: Record<string, number>, key: string, by = 1): void {
  counts[key] = (counts[key] ?? 0) + by;
}

/** "503 ×12, network ×3" — a tally, largest first, the first `limit` kinds named. */
export function describeTally(counts: Readonly<Record<string, number>>, limit = 6): string {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (entries.length === 0) return "none";
  const shown = entries.slice(0, limit).map(([key, n]) => `${key} ×${n}`);
  const rest = entries.slice(limit).reduce((sum, [, n]) => sum + n, 0);
  return rest ? `${shown.join(", ")}, ${rest} more of ${entries.length - limit} other kinds` : shown.join(", ");
}

export interface SummaryRow {
  /** Which part of the run: "load (PostgreSQL)", "PostgreSQL restart", … */
  step: string;
  /** What was measured or checked. */
  what: string;
  value: string;
  /** undefined: a figure, not a check. */
  ok?: boolean;
}

/** A Markdown table with padded columns, so it reads in a terminal and pastes into a document as it is. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) => `| ${widths.map((w, i) => (cells[i] ?? "").padEnd(w)).join(" | ")} |`;
  return [line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}

/** The summary as a Markdown table. */
export function formatSummary(rows: readonly SummaryRow[]): string {
  return markdownTable(
    ["step", "what", "value", "check"],
    rows.map((r) => [r.step, r.what, r.value, r.ok === undefined ? "" : r.ok ? "ok" : "FAILED"]),
  );
}

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return "–";
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}
