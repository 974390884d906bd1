import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { isOrgChartEmail } from "../../domain/org-import";
import type { Db } from "../engines";
import { people } from "../schema";
import { storeSignInToken } from "./sign-in-links";

/**
 * The way into a company's own database: whoever runs the app (with the
 * database and the app's secret in hand) makes someone an administrator and
 * HR, and gets a sign-in link for them that works once. Also the way back in
 * when nobody who could sign in is left.
 */

export class FirstAdministratorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FirstAdministratorError";
  }
}

/** The person with this email, made active, an administrator and HR; added when new (then `name` is needed). */
export async function makeAdministrator(
  db: Db,
  params: { email: string; name?: string },
): Promise<{ id: string; name: string; email: string; added: boolean }> {
  const email = params.email.trim().toLowerCase();
  if (!isOrgChartEmail(email)) throw new FirstAdministratorError(`"${params.email}" is not an email address.`);
  const name = params.name?.trim();
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .update(people)
      .set({ isAdmin: true, isHr: true, active: true, ...(name ? { name } : {}) })
      .where(eq(people.email, email))
      .returning({ id: people.id, name: people.name, email: people.email });
    if (existing) return { ...existing, added: false };
    if (!name)
      throw new FirstAdministratorError(`${email} is not in the org chart yet: give their name with --name "…".`);
    const [added] = await tx
      .insert(people)
      .values({ email, name, isAdmin: true, isHr: true })
      .returning({ id: people.id, name: people.name, email: people.email });
    return { ...added!, added: true };
  });
}

/** How next-auth keeps a sign-in link's token: hashed with the app's secret (next-auth/core/lib/utils hashToken). */
export function hashSignInToken(token: string, secret: string): string {
  return createHash("sha256").update(`${token}${secret}`).digest("hex");
}

/**
 * A sign-in link for an active person, valid for `minutes` and once, as
 * next-auth's email provider would mail it (/api/auth/callback/email). Only
 * the hash of its token is stored.
 */
export async function signInLinkFor(
  db: Db,
  params: { email: string; secret: string; baseUrl: string; minutes: number; then: string },
): Promise<{ url: string; expires: Date }> {
  const token = randomBytes(32).toString("hex");
  const expires = new Date(Date.now() + params.minutes * 60_000);
  const identifier = params.email.trim().toLowerCase();
  const stored = await storeSignInToken(db, { identifier, token: hashSignInToken(token, params.secret), expires });
  if (!stored) throw new FirstAdministratorError(`${identifier} is not an active person: no sign-in link was made.`);
  const query = new URLSearchParams({ callbackUrl: `${params.baseUrl}${params.then}`, token, email: identifier });
  return { url: `${params.baseUrl}/api/auth/callback/email?${query}`, expires };
}

/** How many people could sign in and run things now. */
export async function countAdministrators(db: Db): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(people)
    .where(sql`${people.isAdmin} and ${people.active}`);
  return Number(row?.n ?? 0);
}
