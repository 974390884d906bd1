import "server-only";
import { and, eq, lt, sql } from "drizzle-orm";
import type { Db } from "../engines";
import { authVerificationTokens, people } from "../schema";

/**
 * The tokens behind emailed sign-in links. next-auth hands us the token
 * already hashed with the app's secret, so the table never holds a usable
 * link.
 */
export interface SignInToken {
  /** The email address, as next-auth normalised it (lower case). */
  identifier: string;
  token: string;
  expires: Date;
}

/**
 * Keeps a token only when the address belongs to someone active in the org
 * chart: anyone may type any address into the sign-in form, and the answer
 * must not tell them whether it is known, so unknown addresses are accepted
 * and quietly get nothing. Expired tokens are cleared on the way.
 * True when the token was kept.
 */
export async function storeSignInToken(db: Db, token: SignInToken): Promise<boolean> {
  await db.delete(authVerificationTokens).where(lt(authVerificationTokens.expires, sql`now()`));
  const rows = await db
    .insert(authVerificationTokens)
    .select(
      db
        .select({
          identifier: sql<string>`${token.identifier}`.as("identifier"),
          token: sql<string>`${token.token}`.as("token"),
          expires: sql<Date>`${token.expires.toISOString()}::timestamptz`.as("expires"),
        })
        .from(people)
        .where(and(eq(people.email, token.identifier.trim().toLowerCase()), eq(people.active, true))),
    )
    .returning({ identifier: authVerificationTokens.identifier });
  return rows.length > 0;
}

/** Takes the token out, so that a link works once; null when there is none
 *  (never sent, already used). The caller checks the expiry. */
export async function consumeSignInToken(
  db: Db,
  key: { identifier: string; token: string },
): Promise<SignInToken | null> {
  const [row] = await db
    .delete(authVerificationTokens)
    .where(and(eq(authVerificationTokens.identifier, key.identifier), eq(authVerificationTokens.token, key.token)))
    .returning();
  return row ?? null;
}
