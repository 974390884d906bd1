import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { NotAManager } from "@/components/team/not-a-manager";
import { TeamProfile } from "@/components/team/team-profile";
import { requireSignedInUser } from "@/server/auth/session";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Team member's profile" };

export default async function TeamProfilePage({
  params,
  searchParams,
}: {
  params: Promise<{ subjectId: string }>;
  searchParams: Promise<{ cycle?: string | string[] }>;
}) {
  const [{ subjectId }, { cycle }] = await Promise.all([params, searchParams]);
  if (!z.uuid().safeParse(subjectId).success) notFound();
  const askedCycle = typeof cycle === "string" && z.uuid().safeParse(cycle).success ? cycle : undefined;
  const user = await requireSignedInUser(`/team/${subjectId}${askedCycle ? `?cycle=${askedCycle}` : ""}`);
  if (!user.roles.manager) return <NotAManager />;
  const queryClient = getQueryClient();
  // Without a cycle in the address, the team page's default: the latest published one.
  const cycleId = askedCycle ?? (await queryClient.fetchQuery(trpc.team.heatmap.queryOptions({}))).cycle?.id;
  if (!cycleId) notFound();
  try {
    await queryClient.fetchQuery(trpc.team.profile.queryOptions({ cycleId, subjectId }));
  } catch (error) {
    if ((error as { code?: string }).code === "NOT_FOUND") notFound();
    throw error;
  }
  return (
    <HydrateClient>
      <TeamProfile cycleId={cycleId} subjectId={subjectId} />
    </HydrateClient>
  );
}
