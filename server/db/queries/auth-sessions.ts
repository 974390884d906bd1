import "server-only";
import { and, eq, gt, lt, lte, or, sql } from "drizzle-orm";
import type { SessionConfig } from "../../config";
import type { Db } from "../engines";
import { authSessions, people } from "../schema";

/**
 * Server-side records of sign-ins (auth_sessions), the part of a session that
 * can be ended: the JWT in the cookie names its row, and once the row is gone
 * or past a limit the cookie stands for nobody. Every time is the database's,
 * so the limits do not depend on the app servers' clocks.
 */

/** last_seen_at is written at most this often, so that a busy page is not a write per request. */
export const LAST_SEEN_RESOLUTION_SECONDS = 60;

/** `now() - seconds`, as a timestamptz. */
const ago = (seconds: number) => sql`now() - ${seconds}::integer * interval '1 second'`;

/** Sessions still within both limits. */
const withinLimits = (limits: SessionConfig) =>
  and(gt(authSessions.createdAt, ago(limits.lifetimeSeconds)), gt(authSessions.lastSeenAt, ago(limits.idleSeconds)));

/** Sessions past either limit: nobody can use them any more. */
const pastLimits = (limits: SessionConfig) =>
  or(lte(authSessions.createdAt, ago(limits.lifetimeSeconds)), lte(authSessions.lastSeenAt, ago(limits.idleSeconds)));

/**
 * A new session for a person who is active now; null if they are not. The
 * person's row is share-locked, so a deactivation running at the same moment
 * either waits for this session (and its trigger then deletes it) or is seen
 * here, and no session can outlive a deactivation. Sessions past their limits
 * are purged on the way, so the table holds little more than live sessions.
 */
export async function startSession(
  db: Db,
  { personId, limits }: { personId: string; limits: SessionConfig },
): Promise<string | null> {
  await db.delete(authSessions).where(pastLimits(limits));
  return db.transaction(async (tx) => {
    const [person] = await tx
      .select({ id: people.id })
      .from(people)
      .where(and(eq(people.id, personId), eq(people.active, true)))
      .for("share");
    if (!person) return null;
    const [row] = await tx.insert(authSessions).values({ personId: person.id }).returning({ id: authSessions.id });
    return row!.id;
  });
}

/**
 * Whether this session of this person is live: its row exists and is within
 * both limits. A live session's last_seen_at is moved to now when it is more
 * than a minute old, which is what keeps an active person's session from
 * going idle.
 */
export async function isSessionLive(
  db: Db,
  { sessionId, personId, limits }: { sessionId: string; personId: string; limits: SessionConfig },
): Promise<boolean> {
  const [row] = await db
    .select({ stale: sql<boolean>`${authSessions.lastSeenAt} < ${ago(LAST_SEEN_RESOLUTION_SECONDS)}` })
    .from(authSessions)
    .where(and(eq(authSessions.id, sessionId), eq(authSessions.personId, personId), withinLimits(limits)));
  if (!row) return false;
  if (row.stale) {
    await db
      .update(authSessions)
      .set({ lastSeenAt: sql`now()` })
      .where(and(eq(authSessions.id, sessionId), lt(authSessions.lastSeenAt, ago(LAST_SEEN_RESOLUTION_SECONDS))));
  }
  return true;
}

/** Sign-out: this session is over. */
export async function endSession(db: Db, sessionId: string): Promise<void> {
  await db.delete(authSessions).where(eq(authSessions.id, sessionId));
}

/** "Sign out everywhere": every session of the person is over. */
export async function endSessionsOf(db: Db, personId: string): Promise<number> {
  const ended = await db
    .delete(authSessions)
    .where(eq(authSessions.personId, personId))
    .returning({ id: authSessions.id });
  return ended.length;
}
