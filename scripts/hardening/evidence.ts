/**
 * The attack suites' part of the summary. They run in `npm test` (CI runs it
 * just before this) and record what they tried when they pass
 * (test/evidence.ts); this step prints those records beside the load and
 * fault figures, and names any suite that has no record.
 */
import { type Evidence, readEvidence } from "../../test/evidence";
import type { SummaryRow } from "./figures";
import type { HardeningStep } from "./steps";

/** Every suite that records, by the start of its name (engine-specific ones end in "(PGlite)" etc.). */
export const RECORDING_SUITES: { name: string; recordedBy: string }[] = [
  { name: "access matrix", recordedBy: "server/api/access.integration.test.ts" },
  { name: "fuzzing", recordedBy: "server/api/fuzz.integration.test.ts" },
  { name: "anonymity attack: small and nested groups", recordedBy: "e2e/anonymity-attacks.spec.ts" },
  { name: "anonymity attack: comment order and labels", recordedBy: "e2e/anonymity-attacks.spec.ts" },
  { name: "anonymity attack: differencing slices", recordedBy: "e2e/anonymity-attacks.spec.ts" },
  { name: "anonymity attack: live updates and logs", recordedBy: "e2e/anonymity-attacks.spec.ts" },
  { name: "HTTP tricks: cross-site writes", recordedBy: "e2e/http-hardening.spec.ts" },
  { name: "HTTP tricks: middleware bypass", recordedBy: "e2e/http-hardening.spec.ts" },
  { name: "HTTP tricks: repeated slicing", recordedBy: "e2e/http-hardening.spec.ts" },
];

function age(recordedAt: string, now: Date): string {
  const minutes = Math.max(0, Math.round((now.getTime() - new Date(recordedAt).getTime()) / 60_000));
  if (minutes < 90) return `${minutes} min ago`;
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)} h ago`;
  return `${Math.round(minutes / (24 * 60))} days ago`;
}

/** Summary rows from the records: theirs, one per suite without a record, and a tally. Pure. */
export function evidenceRows(records: readonly Evidence[], now: Date, suites = RECORDING_SUITES): SummaryRow[] {
  const rows: SummaryRow[] = [];
  let held = 0;
  for (const suite of suites) {
    const mine = records.filter((record) => record.suite.startsWith(suite.name));
    if (mine.length === 0) {
      rows.push({
        step: suite.name,
        what: "not recorded",
        value: `run \`npm test\` first (${suite.recordedBy} records it when it passes)`,
      });
      continue;
    }
    if (mine.every((record) => record.rows.every((row) => row.ok !== false))) held++;
    for (const record of mine) {
      const when = `recorded ${age(record.recordedAt, now)}`;
      record.rows.forEach((row, i) =>
        rows.push({
          step: record.suite,
          what: row.what,
          value: i === 0 ? `${row.value} (${when})` : row.value,
          ok: row.ok,
        }),
      );
    }
  }
  rows.push({ step: "attack suites (npm test)", what: "kinds of attack held", value: `${held} of ${suites.length}` });
  return rows;
}

export const evidenceStep: HardeningStep = {
  name: "attacks",
  async run(ctx) {
    ctx.say("\n== attacks: what the attack suites of `npm test` recorded");
    return evidenceRows(readEvidence(), new Date());
  },
};
