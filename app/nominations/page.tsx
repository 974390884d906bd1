import type { Metadata } from "next";
import Link from "next/link";
import { MyNominations } from "@/components/nominations/my-nominations";
import { requireSignedInUser } from "@/server/auth/session";
import { HydrateClient, prefetch, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Choose who gives you feedback" };

export default async function NominationsPage() {
  const user = await requireSignedInUser("/nominations");
  await prefetch(trpc.nominations.mine.queryOptions());

  return (
    <HydrateClient>
      <div className="stack">
        <div>
          <h1>Choose who gives you feedback</h1>
          <p className="lead">
            Pick the peers who see your work up close. They answer anonymously: you will only ever see their answers
            combined.
          </p>
          {user.roles.manager && (
            <p>
              <Link href="/nominations/team">Approve your team&apos;s peer choices</Link>
            </p>
          )}
        </div>
        <MyNominations />
      </div>
    </HydrateClient>
  );
}
