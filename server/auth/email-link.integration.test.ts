/**
 * Sign-in by emailed link, below next-auth: the adapter keeps tokens only for
 * people active in the org chart, a token works once and not after it
 * expires, the mail goes to its person alone, and nobody is created at
 * sign-in. The whole flow through the browser is in e2e/sign-in-email.spec.ts.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readConfig } from "@/server/config";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { authVerificationTokens, outbox, people } from "../db/schema";
import { emailLinkProvider, orgChartAdapter, SIGN_IN_LINK_MINUTES } from "./email-link";

let database: TestDatabase;
const config = readConfig({ NODE_ENV: "test" });
const adapter = () => orgChartAdapter(async () => database.db);
const inHalfAnHour = () => new Date(Date.now() + SIGN_IN_LINK_MINUTES * 60_000);

let active: { id: string; email: string; name: string };
let colleague: { id: string; email: string; name: string };
let leaver: { id: string; email: string; name: string };

beforeAll(async () => {
  database = await createTestDatabase();
  const inserted = await database.db
    .insert(people)
    .values([
      { email: "noor.haddad@example.com", name: "Noor Haddad" },
      { email: "li.wei@example.com", name: "Li Wei" },
      { email: "former.colleague@example.com", name: "Former Colleague", active: false },
    ])
    .returning({ id: people.id, email: people.email, name: people.name });
  [active, colleague, leaver] = inserted as [typeof active, typeof active, typeof active];
});
afterAll(async () => {
  await database?.destroy();
});

async function tokensFor(identifier: string) {
  return database.db.select().from(authVerificationTokens).where(eq(authVerificationTokens.identifier, identifier));
}

describe("sign-in tokens", () => {
  it("are kept for someone active in the org chart, and work once", async () => {
    const token = { identifier: active.email, token: "hashed-once", expires: inHalfAnHour() };
    await expect(adapter().createVerificationToken!(token)).resolves.toEqual(token);
    const used = await adapter().useVerificationToken!({ identifier: active.email, token: "hashed-once" });
    expect(used).toMatchObject({ identifier: active.email, token: "hashed-once" });
    expect(used!.expires.getTime()).toBe(token.expires.getTime());
    await expect(
      adapter().useVerificationToken!({ identifier: active.email, token: "hashed-once" }),
    ).resolves.toBeNull();
  });

  it("only open the address they were sent to", async () => {
    await adapter().createVerificationToken!({ identifier: active.email, token: "for-noor", expires: inHalfAnHour() });
    await expect(
      adapter().useVerificationToken!({ identifier: colleague.email, token: "for-noor" }),
    ).resolves.toBeNull();
    await expect(
      adapter().useVerificationToken!({ identifier: active.email, token: "for-noor" }),
    ).resolves.not.toBeNull();
  });

  it("are not kept for addresses outside the org chart or of deactivated people", async () => {
    for (const identifier of ["stranger@elsewhere.example", leaver.email]) {
      await expect(
        adapter().createVerificationToken!({ identifier, token: `t-${identifier}`, expires: inHalfAnHour() }),
      ).resolves.toBeNull();
      expect(await tokensFor(identifier)).toEqual([]);
    }
  });

  it("that have expired are cleared when the next one is stored", async () => {
    await database.db
      .insert(authVerificationTokens)
      .values({ identifier: colleague.email, token: "long-gone", expires: new Date(Date.now() - 60_000) });
    await adapter().createVerificationToken!({ identifier: active.email, token: "fresh", expires: inHalfAnHour() });
    expect(await tokensFor(colleague.email)).toEqual([]);
    expect((await tokensFor(active.email)).map((t) => t.token)).toContain("fresh");
  });
});

describe("people at sign-in", () => {
  it("are found by address in any case, and only while active", async () => {
    await expect(adapter().getUserByEmail!("NOOR.Haddad@example.com")).resolves.toMatchObject({
      id: active.id,
      name: active.name,
    });
    await expect(adapter().getUserByEmail!(leaver.email)).resolves.toBeNull();
    await expect(adapter().getUserByEmail!("stranger@elsewhere.example")).resolves.toBeNull();
  });

  it("have their address recorded as verified when a link is used, unless they were deactivated meanwhile", async () => {
    const at = new Date("2026-11-28T10:00:00Z");
    await expect(adapter().updateUser!({ id: active.id, emailVerified: at })).resolves.toMatchObject({ id: active.id });
    const [row] = await database.db
      .select({ emailVerified: people.emailVerified })
      .from(people)
      .where(eq(people.id, active.id));
    expect(row!.emailVerified?.toISOString()).toBe(at.toISOString());
    await expect(adapter().updateUser!({ id: leaver.id, emailVerified: at })).rejects.toThrow(/no longer active/);
  });

  it("are never created, and never resumed from an earlier session", async () => {
    await expect(
      adapter().createUser!({ email: "stranger@elsewhere.example", emailVerified: new Date() } as never),
    ).rejects.toThrow(/added to Undercurrent by HR/);
    await expect(adapter().getUser!(active.id)).resolves.toBeNull();
    const before = await database.db.select({ id: people.id }).from(people);
    expect(before).toHaveLength(3);
  });
});

describe("the sign-in mail", () => {
  const provider = () => emailLinkProvider(config, async () => database.db);
  const url = "http://localhost:3000/api/auth/callback/email?token=abc&email=noor.haddad%40example.com";

  async function outboxTo(address: string) {
    return database.db.select().from(outbox).where(eq(outbox.to, address));
  }

  it("goes to the person alone, with the link, their name and how long it works", async () => {
    await provider().sendVerificationRequest({
      identifier: active.email,
      url,
      expires: inHalfAnHour(),
      token: "abc",
      provider: provider(),
      theme: {},
    });
    const mails = await outboxTo(active.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ kind: "sign-in link", subject: "Your sign-in link for Undercurrent" });
    expect(mails[0]!.text).toContain(url);
    expect(mails[0]!.text).toContain("Hello Noor Haddad,");
    expect(mails[0]!.text).toContain(`within ${SIGN_IN_LINK_MINUTES} minutes`);
    expect(mails[0]!.text).not.toContain(colleague.name);
  });

  it("is not sent to addresses outside the org chart or to deactivated people", async () => {
    const before = await database.db.select().from(outbox);
    for (const identifier of ["stranger@elsewhere.example", leaver.email]) {
      await provider().sendVerificationRequest({
        identifier,
        url,
        expires: inHalfAnHour(),
        token: "abc",
        provider: provider(),
        theme: {},
      });
    }
    expect(await database.db.select().from(outbox)).toEqual(before);
  });
});
