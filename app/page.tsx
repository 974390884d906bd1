import { redirect } from "next/navigation";
import { CyclesOverview } from "@/components/home/cycles-overview";
import { FeedbackRequests } from "@/components/home/feedback-requests";
import { NominationsHomeCard } from "@/components/nominations/nominations-home-card";
import { TeamOverview } from "@/components/home/team-overview";
import { getSignedInUser } from "@/server/auth/session";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";

export default async function HomePage() {
  const user = await getSignedInUser();
  if (!user) redirect("/signin");
  const { manager, hr, admin } = user.roles;
  const queryClient = getQueryClient();
  void queryClient.prefetchQuery(trpc.inbox.mine.queryOptions());
  void queryClient.prefetchQuery(trpc.nominations.mine.queryOptions());
  if (manager) {
    void queryClient.prefetchQuery(trpc.team.mine.queryOptions());
    void queryClient.prefetchQuery(trpc.nominations.teamCycles.queryOptions());
  }
  if (hr || admin) void queryClient.prefetchQuery(trpc.cycles.overview.queryOptions());

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
        {(hr || admin) && <CyclesOverview />}
        <NominationsHomeCard manager={manager} />
        <FeedbackRequests />
        {manager && <TeamOverview />}
      </div>
    </HydrateClient>
  );
}
