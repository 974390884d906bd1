import { redirect } from "next/navigation";
import { CyclesOverview } from "@/components/home/cycles-overview";
import { FeedbackRequests } from "@/components/home/feedback-requests";
import { NominationsHomeCard } from "@/components/nominations/nominations-home-card";
import { TeamOverview } from "@/components/home/team-overview";
import { getSignedInUser } from "@/server/auth/session";
import { HydrateClient, prefetch, trpc } from "@/trpc/server";
import { canRunCycles } from "@/lib/roles";

export default async function HomePage() {
  const user = await getSignedInUser();
  if (!user) redirect("/signin");
  const { manager } = user.roles;
  const runsCycles = canRunCycles(user.roles);
  await prefetch(
    trpc.inbox.mine.queryOptions(),
    trpc.nominations.mine.queryOptions(),
    ...(manager ? [trpc.team.mine.queryOptions(), trpc.nominations.teamCycles.queryOptions()] : []),
    ...(runsCycles ? [trpc.cycles.overview.queryOptions()] : []),
  );

  return (
    <HydrateClient>
      <div className="stack">
        <div>
          <h1>Hello, {user.name.split(" ")[0]}</h1>
          <p className="lead">
            Feedback here is anonymous: what peers and direct reports answer is only ever shown in groups, never one by
            one.
          </p>
        </div>
        {/* HR's work is the cycles; everyone else's is their requests. */}
        {runsCycles && <CyclesOverview />}
        <NominationsHomeCard manager={manager} />
        <FeedbackRequests />
        {manager && <TeamOverview />}
      </div>
    </HydrateClient>
  );
}
