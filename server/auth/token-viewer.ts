import "server-only";
import type { JWT } from "next-auth/jwt";
import { z } from "zod";
import { readConfig, type SessionConfig } from "../config";
import { getDb } from "../db";
import type { Db } from "../db/engines";
import { isSessionLive } from "../db/queries/auth-sessions";
import { findActiveViewer, type Viewer } from "../db/queries/people";

declare module "next-auth/jwt" {
  interface JWT {
    /** The session's row in auth_sessions; a token without a live one stands for nobody. */
    sid?: string;
  }
}

const sessionId = z.uuid();

/**
 * Who a session token stands for, now. The token must name a live session
 * row (not signed out, not ended by "sign out everywhere" or a deactivation,
 * not idle too long, not past its lifetime), and the person's roles and
 * active flag come from the org chart at every request. Database errors are
 * not caught here: a database that does not answer must not look like being
 * signed out.
 */
export async function viewerOfToken(token: JWT): Promise<Viewer | null> {
  return viewerOfSessionToken(await getDb(), token, readConfig().session);
}

/** viewerOfToken, given its database and limits (tests call this one). */
export async function viewerOfSessionToken(db: Db, token: JWT, limits: SessionConfig): Promise<Viewer | null> {
  if (!token.sub || !sessionId.safeParse(token.sid).success) return null;
  // Both on every request: asked together, they cost one round trip, not two.
  const [live, viewer] = await Promise.all([
    isSessionLive(db, { sessionId: token.sid!, personId: token.sub, limits }),
    findActiveViewer(db, token.sub),
  ]);
  return live ? viewer : null;
}
