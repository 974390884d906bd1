import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { authOptions } from "./options";

/** The signed-in person for this request (once per request), or null. */
export const getSignedInUser = cache(async () => {
  const session = await getServerSession(authOptions());
  return session?.user ?? null;
});

/** The signed-in person, for a page: a signed-out visitor is sent to sign
 *  in and brought back to `returnTo` (a path on this site) afterwards. */
export async function requireSignedInUser(returnTo: string) {
  const user = await getSignedInUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}
