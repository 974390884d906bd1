import "server-only";
import { requireSignedInUser } from "@/server/auth/session";

/**
 * The signed-in person if they may run cycles (HR or admin), null if signed
 * in without that role; signed-out visitors go to sign in and come back.
 * Pages use it to choose what to render: every procedure checks again.
 */
export async function hrViewer(returnTo: string) {
  const user = await requireSignedInUser(returnTo);
  return user.roles.hr || user.roles.admin ? user : null;
}
