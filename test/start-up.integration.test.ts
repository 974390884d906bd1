/**
 * `npm start` refuses a wrong setting at once, with one line naming it, before
 * it touches a database or starts a build: the person running it should not
 * wait a minute for a build only to read a stack trace.
 */
import os from "node:os";
import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runScript, STACK_LINE, type ScriptResult } from "./run-script";

const LOCAL_SERVER = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";
const VALID_SECRET = "start-up-test-secret-0123456789abcdef";

let scratch: string;
let localServerProblem: string | null = null;

beforeAll(async () => {
  // A PGlite folder nobody uses, in case a case ever reaches the embedded engine:
  // the real data/ folder may be held by a running dev server.
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "uc-start-up-"));
  const client = postgres(LOCAL_SERVER, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await client`select 1`;
  } catch (error) {
    localServerProblem = `no PostgreSQL server answers at ${new URL(LOCAL_SERVER).host} (${(error as { code?: string }).code ?? String(error)})`;
  } finally {
    await client.end({ timeout: 1 }).catch(() => {});
  }
});

afterAll(() => {
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
});

function start(settings: Record<string, string>): Promise<ScriptResult> {
  return runScript("start.ts", [], { PGLITE_DATA_DIR: path.join(scratch, "pglite"), PORT: "39917", ...settings });
}

/** The one line the person reads, and proof that nothing further was attempted. */
function expectOneClearLine(result: ScriptResult, expected: string) {
  expect(result.code, `stdout:\n${result.stdout}\nstderr:\n${result.stderr}`).toBe(1);
  const lines = result.stderr.split("\n").filter((line) => line.trim() !== "");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^Undercurrent: /);
  expect(lines[0]).toContain(expected);
  expect(result.stderr).not.toMatch(STACK_LINE);
  expect(result.stdout).not.toMatch(
    /Building the app|Build is up to date|Starting Undercurrent|Migrations applied|Created the demo/,
  );
}

describe("npm start fails fast on a wrong setting", () => {
  it("refuses a DATABASE_URL that is not a PostgreSQL URL", { timeout: 300_000 }, async () => {
    const result = await start({ DATABASE_URL: "mysql://nope", NEXTAUTH_SECRET: VALID_SECRET });
    expectOneClearLine(result, "DATABASE_URL must be a postgres://");
    // Refused while reading the settings: it never said which database it would open.
    expect(result.stdout).not.toContain("Database:");
  });

  it("names the server it cannot reach", { timeout: 300_000 }, async () => {
    const result = await start({ DATABASE_URL: "postgres://127.0.0.1:1/nothing", NEXTAUTH_SECRET: VALID_SECRET });
    expectOneClearLine(result, "DATABASE_URL: cannot reach the PostgreSQL server at 127.0.0.1:1");
  });

  it("refuses to run in production on a server without NEXTAUTH_SECRET", { timeout: 300_000 }, async ({ skip }) => {
    if (localServerProblem) skip(`needs the local PostgreSQL server: ${localServerProblem}`);
    // runScript strips NEXTAUTH_SECRET and AUTH_SECRET inherited from this process.
    const result = await start({ DATABASE_URL: LOCAL_SERVER });
    expectOneClearLine(result, "NEXTAUTH_SECRET is required in production");
    expect(result.stdout).not.toContain("Database:");
  });

  it("also refuses a NEXTAUTH_SECRET that is too short", { timeout: 300_000 }, async () => {
    const result = await start({ DATABASE_URL: "postgres://127.0.0.1:1/nothing", AUTH_SECRET: "short" });
    expectOneClearLine(result, "NEXTAUTH_SECRET must be at least 16 characters");
  });
});
