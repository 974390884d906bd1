/**
 * `npm run reminders` as cron runs it: a real child process on an embedded
 * database folder. It sends the scheduled reminders once a day however often
 * it runs, says what it did, and refuses the folder of a running app.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPglite } from "@/server/db/engines";
import { acquireDataFolderLock } from "@/server/db/pglite-lock";
import { queryRows } from "@/server/db/rows";
import { seedDemoOrganisation } from "@/server/db/seed/demo";
import { runScript, STACK_LINE } from "./run-script";

let scratch: string;
let dataDir: string;
/** Mail settings are stated, never inherited from the test runner. */
const settings = () => ({ PGLITE_DATA_DIR: dataDir, SMTP_URL: "", MAIL_FROM: "", APP_URL: "" });

beforeAll(async () => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "uc-reminders-"));
  dataDir = path.join(scratch, "pglite");
  const handle = await openPglite(dataDir);
  await handle.migrate();
  // The collecting cycle closes 14 days after the seed's "today": 11 days ago, it closes in 3 days from now.
  await seedDemoOrganisation(handle.db, { people: 30, seed: 5, today: new Date(Date.now() - 11 * 86_400_000) });
  await handle.close();
}, 120_000);
afterAll(() => {
  fs.rmSync(scratch, { recursive: true, force: true });
});

async function outboxCount(): Promise<number> {
  const handle = await openPglite(dataDir);
  try {
    const [row] = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from outbox`);
    return Number(row!.n);
  } finally {
    await handle.close();
  }
}

describe("npm run reminders", () => {
  it(
    "reminds for the cycle closing in three days, once a day however often it runs",
    { timeout: 300_000 },
    async () => {
      const first = await runScript("reminders.ts", [], settings());
      expect(first.stderr).toBe("");
      expect(first.code).toBe(0);
      const sent = Number(/reminded (\d+) people, 0 already reminded today\./.exec(first.stdout)?.[1]);
      expect(sent).toBeGreaterThan(0);
      expect(first.stdout).toContain("the mails are in the dev outbox");
      expect(await outboxCount()).toBe(sent);

      const second = await runScript("reminders.ts", [], settings());
      expect(second.code).toBe(0);
      expect(second.stdout).toContain(`reminded 0 people, ${sent} already reminded today.`);
      expect(await outboxCount()).toBe(sent);
    },
  );

  it("refuses the data folder of a running app in one line", { timeout: 300_000 }, async () => {
    const release = acquireDataFolderLock(dataDir);
    try {
      const result = await runScript("reminders.ts", [], settings());
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/is in use by another process/);
      expect(result.stderr).not.toMatch(STACK_LINE);
    } finally {
      release();
    }
  });

  it("names a wrong mail setting", { timeout: 300_000 }, async () => {
    const result = await runScript("reminders.ts", [], { ...settings(), SMTP_URL: "mail.example.com" });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(/^Undercurrent: SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/);
  });
});
