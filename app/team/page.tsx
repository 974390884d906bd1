import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { NotAManager } from "@/components/team/not-a-manager";
import { TeamHeatmap } from "@/components/team/team-heatmap";
import { requireSignedInUser } from "@/server/auth/session";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "My team" };

export default async function TeamPage({ searchParams }: { searchParams: Promise<{ cycle?: string | string[] }> }) {
  const { cycle } = await searchParams;
  const cycleId = typeof cycle === "string" && z.uuid().safeParse(cycle).success ? cycle : undefined;
  const user = await requireSignedInUser(cycleId ? `/team?cycle=${cycleId}` : "/team");
  if (!user.roles.manager) return <NotAManager />;
  try {
    await getQueryClient().fetchQuery(trpc.team.heatmap.queryOptions(cycleId ? { cycleId } : {}));
  } catch (error) {
    if ((error as { code?: string }).code === "NOT_FOUND") notFound();
    throw error;
  }
  return (
    <HydrateClient>
      <div className="stack">
        <div>
          <h1>My team</h1>
          <p className="lead">
            Published feedback for everyone in your reporting line, directly or through their managers. Anonymous
            answers are only ever shown in groups of at least three.
          </p>
        </div>
        <TeamHeatmap cycleId={cycleId} />
      </div>
    </HydrateClient>
  );
}
