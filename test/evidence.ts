/**
 * What the attack suites proved, kept for `npm run test:hardening`'s summary.
 *
 * The suites that try to break the promises (the access matrix, fuzzing, the
 * anonymity attacks over HTTP) run in `npm test`; running them again inside
 * the hardening run would double CI's time. Instead each one, when it has
 * passed, writes its counts here, and the hardening run prints them beside
 * its own load and fault figures. A suite forgets its record when it starts,
 * so a failed or interrupted run leaves "not recorded", never an old success.
 */
import fs from "node:fs";
import path from "node:path";

export interface EvidenceRow {
  what: string;
  value: string;
  ok?: boolean;
}

export interface Evidence {
  /** Which suite, e.g. "access matrix (PGlite)". */
  suite: string;
  recordedAt: string;
  rows: EvidenceRow[];
}

export const engineName = (engine: "postgres" | "pglite") => (engine === "postgres" ? "PostgreSQL" : "PGlite");

export const EVIDENCE_DIR = path.resolve("data", "evidence");

function fileOf(suite: string, dir: string): string {
  const slug = suite
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return path.join(dir, `${slug}.json`);
}

/** Called when a suite starts: until it records again, it has proved nothing. */
export function forgetEvidence(suite: string, dir = EVIDENCE_DIR): void {
  fs.rmSync(fileOf(suite, dir), { force: true });
}

/** Called when a suite has passed, with what it tried. */
export function recordEvidence(suite: string, rows: EvidenceRow[], dir = EVIDENCE_DIR, now = new Date()): void {
  fs.mkdirSync(dir, { recursive: true });
  const evidence: Evidence = { suite, recordedAt: now.toISOString(), rows };
  fs.writeFileSync(fileOf(suite, dir), `${JSON.stringify(evidence, null, 2)}\n`);
}

/** Every record, oldest suite name first; files that are not records are skipped. */
export function readEvidence(dir = EVIDENCE_DIR): Evidence[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((file) => file.endsWith(".json"))
    .flatMap((file) => {
      try {
        const parsed = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as Partial<Evidence>;
        return typeof parsed.suite === "string" && typeof parsed.recordedAt === "string" && Array.isArray(parsed.rows)
          ? [parsed as Evidence]
          : [];
      } catch {
        return [];
      }
    })
    .sort((a, b) => a.suite.localeCompare(b.suite));
}
