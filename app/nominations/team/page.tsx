import type { Metadata } from "next";
import Link from "next/link";
import { TeamNominations } from "@/components/nominations/team-nominations";
import { requireSignedInUser } from "@/server/auth/session";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Approve your team's peer choices" };

export default async function TeamNominationsPage() {
  const user = await requireSignedInUser("/nominations/team");
  if (!user.roles.manager) {
    return (
      <div className="narrow stack">
        <h1>Approve your team&apos;s peer choices</h1>
        <p className="lead">
          Managers approve the peers their direct reports choose. Nobody reports to you in the org chart.
        </p>
        <p>
          <Link href="/nominations" className="button">
            Choose your own peers
          </Link>
        </p>
      </div>
    );
  }
  const queryClient = getQueryClient();
  // The first paint needs the cycles and each cycle's team view.
  const cycles = await queryClient.fetchQuery(trpc.nominations.teamCycles.queryOptions());
  await Promise.all(
    cycles.map((cycle) => queryClient.prefetchQuery(trpc.nominations.forTeam.queryOptions({ cycleId: cycle.id }))),
  );

  return (
    <HydrateClient>
      <div className="stack">
        <div>
          <h1>Approve your team&apos;s peer choices</h1>
          <p className="lead">
            Your direct reports propose the peers who will give them feedback. Approve or reject each choice, or add
            someone they missed.
          </p>
          <p>
            <Link href="/nominations">Choose your own peers</Link>
          </p>
        </div>
        <TeamNominations />
      </div>
    </HydrateClient>
  );
}
