/**
 * The embedded demo's secret lives inside its PGlite data folder. PGlite must
 * not mind the extra file — on a folder it creates around it, on reopening,
 * after migrations — and `npm run db:reset`, which deletes the folder, must
 * leave the next start to make a new secret.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { embeddedDemoSecret, embeddedSecretPath } from "../scripts/embedded-secret";
import { openPglite } from "../server/db/engines";
import { countPeople } from "../server/db/prepare";
import { runScript } from "./run-script";

let parent: string;

beforeAll(() => {
  parent = fs.mkdtempSync(path.join(os.tmpdir(), "uc-embedded-secret-"));
});

afterAll(() => {
  if (parent) fs.rmSync(parent, { recursive: true, force: true });
});

/** Opens the folder as the app does, brings it up to date, and counts its people. */
async function openAndCount(dataDir: string): Promise<number> {
  const handle = await openPglite(dataDir);
  try {
    await handle.migrate();
    return await countPeople(handle);
  } finally {
    await handle.close();
  }
}

describe("a secret inside the PGlite data folder", () => {
  it(
    "is made before the database, and PGlite creates, migrates and reopens the folder around it",
    { timeout: 120_000 },
    async () => {
      const dataDir = path.join(parent, "pglite");
      const secret = embeddedDemoSecret(dataDir); // as `npm start` does: before the database is opened
      expect(await openAndCount(dataDir)).toBe(0);
      expect(await openAndCount(dataDir)).toBe(0); // a restart
      expect(fs.readFileSync(embeddedSecretPath(dataDir), "utf8")).toBe(secret);
      expect(embeddedDemoSecret(dataDir)).toBe(secret);
    },
  );

  it(
    "goes with the folder on `npm run db:reset`, so the next start makes a new one",
    { timeout: 180_000 },
    async () => {
      const dataDir = path.join(parent, "reset");
      const before = embeddedDemoSecret(dataDir);
      await openAndCount(dataDir);
      const result = await runScript(
        "db.ts",
        ["reset", "--people", "10"],
        { PGLITE_DATA_DIR: dataDir },
        { timeoutMs: 170_000 },
      );
      expect(result.code, `stdout:\n${result.stdout}\nstderr:\n${result.stderr}`).toBe(0);
      expect(fs.existsSync(embeddedSecretPath(dataDir))).toBe(false);
      expect(embeddedDemoSecret(dataDir)).not.toBe(before);
      expect(await openAndCount(dataDir)).toBe(10); // the reset database opens with its new secret inside
    },
  );
});
