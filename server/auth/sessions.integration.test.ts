/**
 * Sessions end (OWASP ASVS v5, chapter 7): a session token stands for its
 * person only while its row in auth_sessions is live. Signing out, "sign out
 * everywhere", a deactivation (through the org-chart import, or any other
 * way), an idle spell and the lifetime each end it, and a reactivation does
 * not bring it back. Time passes here by moving the row's timestamps back.
 * The replay of a signed-out cookie over HTTP is in e2e/sign-out.spec.ts.
 */
import { eq, sql } from "drizzle-orm";
import type { Session } from "next-auth";
import type { JWT } from "next-auth/jwt";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { readConfig } from "@/server/config";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { LAST_SEEN_RESOLUTION_SECONDS, startSession } from "../db/queries/auth-sessions";
import { applyOrgImport } from "../db/queries/org-import";
import { toCsv } from "../domain/csv";
import { IMPORT_COLUMNS } from "../domain/org-import";
import { signOutEverywhere } from "../db/queries/people";
import { authSessions, people } from "../db/schema";
import { buildAuthOptions } from "./options";
import { viewerOfSessionToken } from "./token-viewer";

let database: TestDatabase;
const limits = readConfig({}).session;
let person: { id: string; email: string };
let colleague: { id: string; email: string };

beforeAll(async () => {
  database = await createTestDatabase();
  const inserted = await database.db
    .insert(people)
    .values([
      { email: "amara.okafor@example.com", name: "Amara Okafor", isHr: true },
      { email: "jonas.berg@example.com", name: "Jonas Berg" },
    ])
    .returning({ id: people.id, email: people.email });
  [person, colleague] = inserted as [typeof person, typeof person];
});
afterAll(async () => {
  await database?.destroy();
});
beforeEach(async () => {
  await database.db.update(people).set({ active: true });
});

/** next-auth's options as the app builds them, on this file's database. */
const auth = () => buildAuthOptions(async () => database.db);

/** A demo-picker sign-in as next-auth runs it: the jwt callback, given the
 *  person `authorize` found, makes the token that goes in the cookie. */
async function signIn(who: { id: string }): Promise<JWT> {
  const token = await auth().callbacks!.jwt!({
    token: { sub: who.id },
    user: { id: who.id },
    account: { provider: "demo", type: "credentials", providerAccountId: who.id },
  });
  expect(token.sid).toEqual(expect.any(String));
  return token;
}

/** Signing out through next-auth: its signOut event, with the cookie's token. */
const signOut = (token: JWT) => auth().events!.signOut!({ token, session: undefined as never });

const viewer = (token: JWT) => viewerOfSessionToken(database.db, token, limits);

/** Moves the session's clock back: as if it began, and was last seen, that many seconds ago. */
async function age(token: JWT, by: { createdSecondsAgo?: number; lastSeenSecondsAgo?: number }) {
  const ago = (seconds: number) => sql`now() - ${seconds}::integer * interval '1 second'`;
  await database.db
    .update(authSessions)
    .set({
      ...(by.createdSecondsAgo !== undefined && { createdAt: ago(by.createdSecondsAgo) }),
      ...(by.lastSeenSecondsAgo !== undefined && { lastSeenAt: ago(by.lastSeenSecondsAgo) }),
    })
    .where(eq(authSessions.id, token.sid!));
}

async function lastSeen(token: JWT): Promise<Date> {
  const [row] = await database.db
    .select({ at: authSessions.lastSeenAt })
    .from(authSessions)
    .where(eq(authSessions.id, token.sid!));
  return row!.at;
}

describe("a session token", () => {
  it("stands for its person while the session is live", async () => {
    const token = await signIn(person);
    expect(await viewer(token)).toMatchObject({ id: person.id, roles: { hr: true } });
    // Still live well within both limits.
    await age(token, { createdSecondsAgo: limits.lifetimeSeconds - 120, lastSeenSecondsAgo: limits.idleSeconds - 120 });
    expect(await viewer(token)).toMatchObject({ id: person.id });
  });

  it("stands for nobody without a session row, with someone else's, or with one that is not an id", async () => {
    const token = await signIn(person);
    expect(await viewer({ sub: person.id })).toBeNull();
    expect(await viewer({ sub: colleague.id, sid: token.sid })).toBeNull();
    expect(await viewer({ sub: person.id, sid: "not-a-session" })).toBeNull();
    expect(await viewer({ sub: person.id, sid: "00000000-0000-4000-8000-000000000000" })).toBeNull();
  });

  it("stands for nobody after signing out, while the person's other sessions go on", async () => {
    const laptop = await signIn(person);
    const phone = await signIn(person);
    await signOut(laptop);
    expect(await viewer(laptop)).toBeNull();
    expect(await viewer(phone)).toMatchObject({ id: person.id });
  });

  it("stands for nobody once idle longer than the idle timeout", async () => {
    const token = await signIn(person);
    await age(token, { lastSeenSecondsAgo: limits.idleSeconds + 1 });
    expect(await viewer(token)).toBeNull();
  });

  it("stands for nobody after its lifetime, however active the person has been", async () => {
    const token = await signIn(person);
    await age(token, { createdSecondsAgo: limits.lifetimeSeconds + 1, lastSeenSecondsAgo: 0 });
    expect(await viewer(token)).toBeNull();
  });

  it("stands for nobody after signing out everywhere, and a new sign-in works", async () => {
    const laptop = await signIn(person);
    const phone = await signIn(person);
    const colleagues = await signIn(colleague);
    expect(await signOutEverywhere(database.db, person.email)).toMatchObject({ id: person.id });
    expect(await viewer(laptop)).toBeNull();
    expect(await viewer(phone)).toBeNull();
    expect(await viewer(colleagues)).toMatchObject({ id: colleague.id });
    expect(await viewer(await signIn(person))).toMatchObject({ id: person.id });
  });
});

describe("deactivation", () => {
  /** An org chart of these people (the first the others' manager), as HR would upload it. */
  const chart = (...emails: string[]) =>
    toCsv(
      IMPORT_COLUMNS,
      emails.map((email, i) => [
        email,
        email.split("@")[0]!,
        "",
        "",
        "",
        i === 0 ? "" : emails[0]!,
        i === 0 ? "yes" : "no",
      ]),
    );

  it("through the org-chart import ends the person's sessions for good: reactivating them revives none", async () => {
    const token = await signIn(colleague);
    const importAs = (csv: string) =>
      applyOrgImport(database.db, { actorId: person.id, csv, deactivateMissing: true, importerEmail: person.email });
    expect(await importAs(chart(person.email))).toMatchObject({ deactivated: 1 });
    expect(await viewer(token)).toBeNull();

    expect(await importAs(chart(person.email, colleague.email))).toMatchObject({ reactivated: 1 });
    const [row] = await database.db.select({ active: people.active }).from(people).where(eq(people.id, colleague.id));
    expect(row!.active).toBe(true);
    expect(await viewer(token)).toBeNull();
    // A new sign-in after the reactivation is a new session, and it works.
    expect(await viewer(await signIn(colleague))).toMatchObject({ id: colleague.id });
  });

  it("by any other path (an administrator's SQL) ends them too", async () => {
    const token = await signIn(colleague);
    await database.db.update(people).set({ active: false }).where(eq(people.id, colleague.id));
    await database.db.update(people).set({ active: true }).where(eq(people.id, colleague.id));
    expect(await viewer(token)).toBeNull();
  });

  it("leaves no way to start a session for someone deactivated", async () => {
    await database.db.update(people).set({ active: false }).where(eq(people.id, colleague.id));
    expect(await startSession(database.db, { personId: colleague.id, limits })).toBeNull();
  });
});

describe("last seen", () => {
  it("is refreshed at most about once a minute, not at every request", async () => {
    const token = await signIn(person);
    await age(token, { lastSeenSecondsAgo: LAST_SEEN_RESOLUTION_SECONDS - 10 });
    const recent = await lastSeen(token);
    expect(await viewer(token)).not.toBeNull();
    expect(await lastSeen(token)).toEqual(recent);

    await age(token, { lastSeenSecondsAgo: LAST_SEEN_RESOLUTION_SECONDS + 10 });
    const stale = await lastSeen(token);
    expect(await viewer(token)).not.toBeNull();
    const refreshed = await lastSeen(token);
    expect(refreshed.getTime()).toBeGreaterThan(stale.getTime() + (LAST_SEEN_RESOLUTION_SECONDS + 5) * 1000);
  });

  it("is what next-auth's session callback checks too", async () => {
    const token = await signIn(person);
    const session = { expires: new Date(Date.now() + 60_000).toISOString() };
    const sessionOf = async (t: JWT) => (await auth().callbacks!.session!({ session, token: t } as never)) as Session;
    expect((await sessionOf(token)).user).toMatchObject({ id: person.id });
    await age(token, { lastSeenSecondsAgo: limits.idleSeconds + 1 });
    expect((await sessionOf(token)).user).toBeUndefined();
  });
});

describe("old sessions", () => {
  it("are purged when a new session begins, live ones kept", async () => {
    const expired = await signIn(colleague);
    const idle = await signIn(colleague);
    const live = await signIn(colleague);
    await age(expired, { createdSecondsAgo: limits.lifetimeSeconds + 1 });
    await age(idle, { lastSeenSecondsAgo: limits.idleSeconds + 1 });
    await signIn(person);
    const left = await database.db
      .select({ id: authSessions.id })
      .from(authSessions)
      .where(eq(authSessions.personId, colleague.id));
    expect(left.map((r) => r.id)).toEqual([live.sid]);
  });
});
