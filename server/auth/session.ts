import "server-only";
import { getServerSession } from "next-auth";
import { cache } from "react";
import { authOptions } from "./options";

/** The signed-in person for this request (once per request), or null. */
export const getSignedInUser = cache(async () => {
  const session = await getServerSession(authOptions());
  return session?.user ?? null;
});
