import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { hrViewer } from "@/server/auth/session";
import { EvidencePage } from "@/components/finder/evidence";
import { finderQuery, readFinderAddress } from "@/components/finder/finder-url";
import { NotHr } from "@/components/finder/not-hr";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Evidence" };

/**
 * One person's evidence. The server fetches it once for the first paint (and
 * that fetch is what the audit log records); the page never fetches it again.
 */
export default async function EvidenceRoute({
  params,
  searchParams,
}: {
  params: Promise<{ subjectId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ subjectId }, query] = await Promise.all([params, searchParams]);
  const address = readFinderAddress(query);
  if (!(await hrViewer(`/finder/${encodeURIComponent(subjectId)}${finderQuery(address)}`))) return <NotHr />;
  if (!z.uuid().safeParse(subjectId).success) notFound();
  const queryClient = getQueryClient();
  // Without a cycle in the address, the finder's default: the newest published one.
  const cycleId =
    address.cycleId ?? (await queryClient.fetchQuery(trpc.finder.view.queryOptions({ filters: {} }))).cycle?.id;
  if (!cycleId) notFound();
  try {
    await queryClient.fetchQuery(trpc.finder.evidence.queryOptions({ cycleId, subjectId }));
  } catch (error) {
    if ((error as { code?: string }).code === "NOT_FOUND") notFound();
    throw error;
  }
  return (
    <HydrateClient>
      <EvidencePage cycleId={cycleId} subjectId={subjectId} back={address} />
    </HydrateClient>
  );
}
