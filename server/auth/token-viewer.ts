import "server-only";
import type { JWT } from "next-auth/jwt";
import { getDb } from "../db";
import { findActiveViewer, type Viewer } from "../db/queries/people";

/**
 * Who a session token stands for, now: the person's roles and active flag
 * come from the org chart at every request, and a token from before "sign out
 * everywhere" stands for nobody. Database errors are not caught here: a
 * database that does not answer must not look like being signed out.
 */
export async function viewerOfToken(token: JWT): Promise<Viewer | null> {
  if (!token.sub) return null;
  const signedInAt = new Date(typeof token.signedInAt === "number" ? token.signedInAt : 0);
  return findActiveViewer(await getDb(), token.sub, signedInAt);
}
