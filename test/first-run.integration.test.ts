/**
 * A company's first run: from an empty database — a new database on the
 * PostgreSQL server when DATABASE_URL is set, else an empty embedded folder —
 * `npm run setup -- --admin … --name …` alone gets an administrator in: the
 * migrations and the competency model are there, nothing simulated is, and
 * the printed link signs them in through next-auth's email provider. Then,
 * as that administrator, the org chart is imported and a first cycle made.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "@/server/api/root";
import { orgChartAdapter } from "@/server/auth/email-link";
import { buildAuthOptions } from "@/server/auth/options";
import { viewerOfSessionToken } from "@/server/auth/token-viewer";
import { readConfig } from "@/server/config";
import { type DatabaseHandle, openPglite, openPostgres } from "@/server/db/engines";
import { hashSignInToken } from "@/server/db/queries/first-administrator";
import { queryRows } from "@/server/db/rows";
import { runScript, STACK_LINE } from "./run-script";

const SECRET = randomBytes(24).toString("hex");
const PUBLIC_URL = "https://feedback.company.example";
const serverUrl = process.env.DATABASE_URL || undefined;

let settings: Record<string, string>;
let open: () => Promise<DatabaseHandle>;
let cleanUp: () => Promise<void>;

beforeAll(async () => {
  if (serverUrl) {
    const name = `uc_first_run_${randomBytes(6).toString("hex")}`;
    const server = await openPostgres(serverUrl, { max: 1 });
    await server.db.execute(sql`create database ${sql.identifier(name)}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    settings = { DATABASE_URL: url.toString() };
    open = () => openPostgres(url.toString(), { max: 2 });
    cleanUp = async () => {
      await server.db.execute(sql`drop database if exists ${sql.identifier(name)} with (force)`);
      await server.close();
    };
  } else {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "uc-first-run-"));
    const dataDir = path.join(scratch, "pglite");
    settings = { PGLITE_DATA_DIR: dataDir, DEMO_SIGN_IN: "0" };
    open = () => openPglite(dataDir);
    cleanUp = async () => fs.rmSync(scratch, { recursive: true, force: true });
  }
  Object.assign(settings, {
    NEXTAUTH_SECRET: SECRET,
    NEXTAUTH_URL: PUBLIC_URL,
    SMTP_URL: "",
    MAIL_FROM: "",
    APP_URL: "",
  });
});
afterAll(async () => {
  await cleanUp?.();
});

async function withDatabase<T>(work: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const handle = await open();
  try {
    return await work(handle);
  } finally {
    await handle.close();
  }
}

describe("npm run setup on an empty database", () => {
  it(
    "refuses someone not in the org chart without a name, and a bad address, writing no one",
    { timeout: 300_000 },
    async () => {
      const nameless = await runScript("setup.ts", ["--admin", "ada@company.example"], settings);
      expect(nameless.code).toBe(1);
      expect(nameless.stderr).toContain(
        'ada@company.example is not in the org chart yet: give their name with --name "…".',
      );
      expect(nameless.stderr).not.toMatch(STACK_LINE);
      const typo = await runScript("setup.ts", ["--admin", "ada.company.example", "--name", "Ada"], settings);
      expect(typo.code).toBe(1);
      expect(typo.stderr).toContain('"ada.company.example" is not an email address.');
      const missing = await runScript("setup.ts", [], settings);
      expect(missing.stderr).toContain("say who the administrator is");
      await withDatabase(async ({ db }) => {
        const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from people`);
        expect(Number(row!.n)).toBe(0);
      });
    },
  );

  it("gets the first administrator signed in, and then a first cycle made", { timeout: 300_000 }, async () => {
    const result = await runScript("setup.ts", ["--admin", "Ada@Company.example", "--name", "Ada Lovelace"], settings);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Ada Lovelace (ada@company.example) is added as an administrator and HR.");
    const link = new URL(/^\s+(https:\/\/\S+)$/m.exec(result.stdout)![1]!);
    expect(link.origin + link.pathname).toBe(`${PUBLIC_URL}/api/auth/callback/email`);
    expect(link.searchParams.get("email")).toBe("ada@company.example");
    expect(link.searchParams.get("callbackUrl")).toBe(`${PUBLIC_URL}/people/import`);
    const token = link.searchParams.get("token")!;

    await withDatabase(async ({ db }) => {
      // The competency model and one person; nothing simulated.
      const [counts] = await queryRows<{ models: number; people: number; cycles: number; responses: number }>(
        db,
        sql`select (select count(*) from competency_models)::int as models, (select count(*) from people)::int as people,
                   (select count(*) from cycles)::int as cycles, (select count(*) from responses)::int as responses`,
      );
      expect(counts).toEqual({ models: 1, people: 1, cycles: 0, responses: 0 });
      // Only the token's hash is stored, under the app's secret.
      const [stored] = await queryRows<{ token: string }>(db, sql`select token from auth_verification_tokens`);
      expect(stored!.token).toBe(hashSignInToken(token, SECRET));
      expect(stored!.token).not.toContain(token);

      // What next-auth's email callback does with the link: take the token once, then sign the person in.
      const adapter = orgChartAdapter(async () => db);
      const used = await adapter.useVerificationToken!({
        identifier: "ada@company.example",
        token: hashSignInToken(token, SECRET),
      });
      expect(used?.expires.getTime()).toBeGreaterThan(Date.now());
      expect(
        await adapter.useVerificationToken!({
          identifier: "ada@company.example",
          token: hashSignInToken(token, SECRET),
        }),
      ).toBeNull();
      const auth = buildAuthOptions(async () => db);
      const user = (await adapter.getUserByEmail!("ada@company.example"))!;
      const account = { provider: "email", type: "email" as const, providerAccountId: user.email! };
      expect(await auth.callbacks!.signIn!({ user, account, email: { verificationRequest: false } } as never)).toBe(
        true,
      );
      const jwt = await auth.callbacks!.jwt!({ token: { email: user.email }, user, account } as never);
      const viewer = await viewerOfSessionToken(db, jwt, readConfig().session);
      expect(viewer).toMatchObject({ email: "ada@company.example", roles: { admin: true, hr: true } });

      // Signed in: the org chart, then a first cycle on the model setup wrote.
      const admin = createCaller({ db, user: viewer!, headers: new Headers() });
      const csv = [
        "email,name,title,department,location,manager_email,is_hr",
        "ada@company.example,Ada Lovelace,Head of People,People,London,,true",
        "grace@company.example,Grace Hopper,Engineering Lead,Engineering,London,ada@company.example,false",
        "alan@company.example,Alan Turing,Engineer,Engineering,London,grace@company.example,false",
        "kay@company.example,Kay McNulty,Engineer,Engineering,London,grace@company.example,false",
      ].join("\n");
      const imported = await admin.people.applyImport({ csv, deactivateMissing: false });
      expect(imported).toMatchObject({ added: 3 });
      const cycle = await admin.cycles.create({
        name: "First review",
        opensOn: "2027-01-04",
        closesOn: "2027-01-25",
        departments: null,
      });
      expect((await admin.cycles.detail({ cycleId: cycle.id })).status).toBe("draft");
    });

    // Run again: the same person, a new link, still one model.
    const again = await runScript("setup.ts", ["--admin", "ada@company.example"], settings);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("Ada Lovelace (ada@company.example) is now an administrator and HR.");
    await withDatabase(async ({ db }) => {
      const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from competency_models`);
      expect(Number(row!.n)).toBe(1);
    });
  });
});
