import "server-only";
import { getToken } from "next-auth/jwt";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { authOptions } from "./options";
import { viewerOfToken } from "./token-viewer";
import { canRunCycles } from "../../lib/roles";

/**
 * The signed-in person for this request (once per request), or null. The
 * session cookie is read here rather than through next-auth's
 * getServerSession, which turns any error into "no session": when the
 * database does not answer, this throws, and the caller says so instead of
 * signing the person out.
 */
export const getSignedInUser = cache(async () => {
  const jar = await cookies();
  const token = await getToken({
    // Cookies only: a token in an Authorization header is not a way in.
    req: { cookies: Object.fromEntries(jar.getAll().map((c) => [c.name, c.value])), headers: {} } as never,
    secret: authOptions().secret,
  });
  const viewer = token ? await viewerOfToken(token) : null;
  return viewer && { id: viewer.id, name: viewer.name, email: viewer.email, roles: viewer.roles };
});

/** The signed-in person, for a page: a signed-out visitor is sent to sign
 *  in and brought back to `returnTo` (a path on this site) afterwards. */
export async function requireSignedInUser(returnTo: string) {
  const user = await getSignedInUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}

/**
 * The signed-in person if they may run cycles (HR or admin), null if signed
 * in without that role; signed-out visitors go to sign in and come back.
 * Pages use it to choose what to render: every procedure checks again.
 */
export async function hrViewer(returnTo: string) {
  const user = await requireSignedInUser(returnTo);
  return canRunCycles(user.roles) ? user : null;
}
