import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { NotAllowed } from "@/components/cycles/not-allowed";
import { OrganisationOverview } from "@/components/organisation/organisation-overview";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";
import { hrViewer } from "@/server/auth/session";

export const metadata: Metadata = { title: "Organisation" };

export default async function OrganisationPage({
  searchParams,
}: {
  searchParams: Promise<{ cycle?: string | string[] }>;
}) {
  const { cycle } = await searchParams;
  const cycleId = typeof cycle === "string" && z.uuid().safeParse(cycle).success ? cycle : undefined;
  if (!(await hrViewer(cycleId ? `/organisation?cycle=${cycleId}` : "/organisation"))) {
    return <NotAllowed what="see the organisation's results" />;
  }
  try {
    await getQueryClient().fetchQuery(trpc.organisation.overview.queryOptions(cycleId ? { cycleId } : {}));
  } catch (error) {
    if ((error as { code?: string }).code === "NOT_FOUND") notFound();
    throw error;
  }
  return (
    <HydrateClient>
      <div className="stack">
        <div>
          <h1>Organisation</h1>
          <p className="lead">
            Published results across departments, who moved since the previous cycle, and how many answered. Every
            figure is built from people&apos;s published results; nothing here says who rated whom.
          </p>
        </div>
        <OrganisationOverview cycleId={cycleId} />
      </div>
    </HydrateClient>
  );
}
